package ncverify.impl.train;

import java.util.List;
import ncverify.impl.model.Model;

/**
 * Outcome of a run: the full regularized objective (exactly as docs/theory.md writes it for the model,
 * see {@link Model#objectiveFormula()}), its data term, the train error, the trajectory, the number
 * of updates, the trained model and the configuration (with its seed) that produced it.
 */
public record TrainResult(double finalLoss, double finalDataLoss, double trainError,
                          List<TrajectoryPoint> trajectory, int steps, Model model, TrainConfig config) {
}
