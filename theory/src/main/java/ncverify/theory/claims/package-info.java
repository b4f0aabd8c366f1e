/**
 * The claims framework: a {@link ncverify.theory.claims.Claim} is one theorem or proposition of one
 * paper ([JSWM], [SELI], [DLN], [DUFM], [DUFM2]; see docs/theory.md), judged on a
 * {@link ncverify.theory.claims.Measurement} of named quantities: its assumptions are checked against
 * the paper's thresholds, its conclusion compares a measured value with the bound, and the verdict is
 * HOLDS, VIOLATED or NOT_APPLICABLE, always with the numbers. The claims themselves live in the
 * subpackages {@code jswm} and {@code ufm}; {@code registry} lists them all.
 */
package ncverify.theory.claims;
