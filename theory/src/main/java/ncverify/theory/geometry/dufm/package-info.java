/**
 * The deep unconstrained features model L-DUFM of [DUFM] (docs/theory.md section 4): its objective and
 * analytic gradient on explicit matrices, the exact deep-neural-collapse (DNC) solution with its
 * closed-form loss L_DNC = min_s f_C(s), the low-rank triangular-graph / Kneser construction that
 * beats DNC for deep networks with many classes, and the regime comparison between the two. Every
 * loss reported here is the objective evaluated directly on explicit matrices.
 */
package ncverify.theory.geometry.dufm;
