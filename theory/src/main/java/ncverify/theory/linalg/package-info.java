/**
 * Small dense linear-algebra helpers shared by the metrics and geometries of {@code ncverify.theory}:
 * Frobenius and operator norms, the normalized distance {@code ndist(A, B) = ||A/||A|| - B/||B||||}
 * (docs/theory.md section 0), thin SVDs sorted in descending order, the pseudo-inverse with the project-wide
 * relative cutoff {@value ncverify.theory.linalg.PseudoInverse#RELATIVE_CUTOFF}, finiteness checks and
 * cache-friendly products against very wide feature matrices (d x N with N in the tens of thousands).
 */
package ncverify.theory.linalg;
