/**
 * Data sets in the conventions of docs/theory.md section 0 (X is d x N, columns = samples): class-size
 * profiles (balanced, (R, rho)-STEP, long tail), seeded synthetic Gaussian mixtures, and
 * Fashion-MNIST read from IDX files.
 */
package ncverify.impl.data;
