/**
 * The matrix-product backend: one row-major dgemm interface (Blas) with a native implementation
 * through JNI into the system BLAS (NativeBlas), a cache-blocked multi-threaded pure-Java fallback
 * whose result does not depend on the thread count (BlockedJavaBlas), a triple-loop oracle
 * (NaiveBlas), and the selection logic (Backends).
 */
package ncverify.impl.backend;
