/**
 * The project's one matrix-product backend, used by every large product of the metrics, claims and
 * geometries of {@code ncverify.theory} and by the training engine of {@code ncverify.impl}: one
 * row-major dgemm interface (Blas) with a native implementation through JNI into the system BLAS
 * (NativeBlas), a cache-blocked multi-threaded pure-Java fallback whose result does not depend on the
 * thread count (BlockedJavaBlas), a triple-loop oracle (NaiveBlas), and the selection logic
 * (Backends). Decompositions of small matrices stay with EJML.
 */
package ncverify.theory.linalg.blas;
