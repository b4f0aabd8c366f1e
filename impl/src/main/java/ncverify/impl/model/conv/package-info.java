/**
 * Convolutional and residual networks in the [JSWM] layout (docs/theory.md section 5): a trunk of
 * 2-D convolutions with stride and zero padding, max and average pooling and basic residual blocks
 * (identity skip, 1 x 1 projection when the shape changes), then fully connected nonlinear layers and
 * a linear head ({@link ncverify.impl.model.conv.ConvNet}, described by a
 * {@link ncverify.impl.model.conv.ConvArchitecture}). Batches are stored channel-major and
 * batch-minor, so flattening is free and every convolution is one GEMM on the im2col matrix of the
 * batch through {@link ncverify.theory.linalg.blas.Blas}. No batch normalization.
 */
package ncverify.impl.model.conv;
