/**
 * Throughput benchmarks of the matrix backend: GEMM GFLOP/s at standard sizes (GemmBenchmark), the
 * numbers that the {@code ncv bench} command reports next to a NumPy reference.
 */
package ncverify.impl.bench;
