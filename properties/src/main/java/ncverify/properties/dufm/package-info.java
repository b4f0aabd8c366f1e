/**
 * The deep-UFM study [DUFM] (docs/theory.md section 4): deep unconstrained-features models trained by
 * gradient descent from random init, judged against the DNC loss, the low-rank triangular-graph
 * construction and the deep-linear closed form, with the rank of the class means GD ends at.
 */
package ncverify.properties.dufm;
