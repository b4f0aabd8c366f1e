/**
 * Closed-form neural-collapse geometries, each built as actual matrices: the simplex ETF and the
 * orthogonal frame, the SEL matrix and the SELI geometry of [SELI] (cross-entropy, vanishing ridge,
 * imbalanced classes, with the (R, rho)-STEP closed form), and the global optimum of the deep linear
 * unconstrained-features model of [DLN] (MSE, bias-free, imbalanced, with minority collapse).
 * Formulas and derivations: docs/theory.md sections 0, 1.8, 2 and 3, which also list where the code
 * deviates from or makes precise the papers.
 */
package ncverify.theory.geometry;
