/**
 * The training loop: {@link ncverify.impl.train.TrainConfig} (every setting and the seed),
 * {@link ncverify.impl.train.Trainer} (full-batch GD or seeded mini-batch SGD, schedules,
 * divergence detection, trajectory recording with pluggable
 * {@link ncverify.impl.train.TrajectoryProbe}s) and {@link ncverify.impl.train.TrainResult}.
 */
package ncverify.impl.train;
