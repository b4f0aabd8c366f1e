/**
 * Trainable models with their full regularized objectives: the [JSWM] MLP (nonlinear backbone plus
 * linear head), the unconstrained features model of [SELI], the deep linear UFM of [DLN] and the
 * deep ReLU UFM of [DUFM]. All share one layer-chain engine ({@link ncverify.impl.model.ChainModel})
 * whose products go through {@link ncverify.theory.linalg.blas.Blas}, and expose weights and per-layer
 * features (d x N, columns = samples) for the theory metrics. Their fluent builders share the common
 * settings through {@link ncverify.impl.model.ModelBuilder} (and
 * {@link ncverify.impl.model.FreeFeaturesBuilder} for the free-features models).
 */
package ncverify.impl.model;
