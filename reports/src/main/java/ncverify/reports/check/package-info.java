/**
 * {@code ncv check}: judges every claim on a model trained elsewhere (arrays dumped from PyTorch or
 * NumPy). {@link ncverify.reports.check.ModelCheck} measures the NC metrics, the [JSWM] quantities of the
 * linear head, and, given the regularization, compares the model with the closed-form optimum that
 * applies ([DLN] deep-linear UFM, [SELI] geometry).
 */
package ncverify.reports.check;
