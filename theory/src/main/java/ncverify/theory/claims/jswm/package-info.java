/**
 * The [JSWM] claims (Jacot, Súkeník, Wang, Mondelli, arXiv 2410.04887), encoded through the
 * mechanism-form inequalities of docs/theory.md section 5 (never as the paper's appendix constants), and
 * {@link ncverify.theory.claims.jswm.JswmQuantities}, which computes every quantity they need from the
 * explicit head weights, the features entering the head and the labels.
 */
package ncverify.theory.claims.jswm;
