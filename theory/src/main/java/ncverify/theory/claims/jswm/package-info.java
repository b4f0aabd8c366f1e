/**
 * The [JSWM] claims (Jacot, Súkeník, Wang, Mondelli, arXiv 2410.04887), encoded through the
 * mechanism-form inequalities of docs/theory.md section 5 (never as the paper's appendix constants):
 * theorem-level statements whose assumptions are measured training outcomes (NC1 bound and its exact
 * case, the assembled NC2/NC3 bounds of {@link ncverify.theory.claims.jswm.AssembledBound}, Prop 5.3) and
 * two identities of the method (the Thm 4.4 GD step, critical-point balancedness with the trainer's
 * gradients). {@link ncverify.theory.claims.jswm.JswmQuantities} computes every quantity they need from the
 * explicit head weights, the features entering the head and the labels.
 */
package ncverify.theory.claims.jswm;
