/**
 * The neural-collapse metrics of docs/theory.md section 1, one small class per metric with its formula in
 * the javadoc: within-class variability (NC1, {@link ncverify.theory.metrics.Nc1} and its trace ratio),
 * geometry of the class means and classifier (NC2 against the simplex ETF, the orthogonal frame,
 * diagonality, conditioning), self-duality (NC3), nearest-class-mean agreement (NC4), equinorm and
 * equiangularity, balancedness of deep linear layers, conditioning, train and fit errors, and the single
 * entry point {@link ncverify.theory.metrics.NcMetrics} that gathers them into a {@link
 * ncverify.theory.metrics.MetricsReport}. Conventions (docs/theory.md section 0): features H are d x N with
 * samples as columns, labels in 0..K-1, classifier W is K x d.
 */
package ncverify.theory.metrics;
