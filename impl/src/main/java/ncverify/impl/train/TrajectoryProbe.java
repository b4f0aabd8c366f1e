package ncverify.impl.train;

import java.util.Map;
import ncverify.impl.model.Model;

/**
 * A measurement taken on the model at every recorded trajectory point (theory metrics such as
 * NC1-NC3, balancedness, conditioning). Keys become columns of the trajectory.
 */
@FunctionalInterface
public interface TrajectoryProbe {

  Map<String, Double> measure(Model model);
}
