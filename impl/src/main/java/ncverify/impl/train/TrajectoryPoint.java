package ncverify.impl.train;

import java.util.Map;

/**
 * One recorded point: after {@code step} updates ({@code epoch} = samples seen / N), the learning
 * rate used last, the full objective, the train error, and the probe values (plus the
 * {@code stability_*} bookkeeping in large-learning-rate mode). The map is unmodifiable and ordered.
 */
public record TrajectoryPoint(int step, double epoch, double lr, double loss, double trainError,
                              Map<String, Double> probes) {
}
