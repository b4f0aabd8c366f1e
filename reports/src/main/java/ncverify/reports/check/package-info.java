/**
 * {@code ncv check}: judges every claim on a model trained elsewhere (arrays dumped from PyTorch or
 * NumPy), only on what the arrays and the given settings measure. {@link ncverify.reports.check.ModelCheck}
 * measures the NC metrics and the [JSWM] quantities of the linear head, gives NOT_JUDGED (with what is
 * missing) to a claim whose quantities were not all measured, measures how close the head is to a
 * critical point of the training objective ({@link ncverify.reports.check.HeadStationarity}) and compares
 * the network with the optimum of the unconstrained features model as a gap, never a verdict
 * ({@link ncverify.reports.check.UfmGap}).
 */
package ncverify.reports.check;
