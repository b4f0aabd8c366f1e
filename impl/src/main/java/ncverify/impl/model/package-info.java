/**
 * Trainable models with their full regularized objectives: the [JSWM] MLP (nonlinear backbone plus
 * linear head), the unconstrained features model of [SELI], the deep linear UFM of [DLN] and the
 * deep ReLU UFM of [DUFM]. All share one layer-chain engine ({@link ncverify.impl.model.ChainModel})
 * whose products go through {@link ncverify.impl.backend.Blas}, and expose weights and per-layer
 * features (d x N, columns = samples) for the theory metrics.
 */
package ncverify.impl.model;
