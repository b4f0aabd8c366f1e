/**
 * Small helpers private to the closed-form geometries: seeded Haar-random partial orthogonal
 * matrices, symmetric square roots, Frobenius normalization, class-size validation and conversion of
 * EJML matrices to plain arrays for JSON. Not part of the public API of {@code ncverify.theory}.
 */
package ncverify.theory.geometry.internal;
