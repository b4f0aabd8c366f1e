package ncverify.impl.model;

import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;

/**
 * The settings every model shares, as a self-typed fluent builder: the labelled samples (labels in
 * 0..K-1), the backend, the optional unregularized biases, the data loss l, the normalization c of
 * the data term c sum_i l(z_i, y_i) (c = 1 for SUM, 1/N for MEAN, see {@link ChainModel}) and the
 * init seed. Each model's builder adds only its own settings (widths, lambdas, init) and documents
 * its defaults for loss and normalization.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class ModelBuilder<B extends ModelBuilder<B>> {

  final int[] labels;
  final int k;
  Blas blas = Backends.best();
  boolean bias = false;
  Loss loss;
  /** Null means "the model's default for the loss" (see {@link #resolvedNormalization()}). */
  Normalization normalization;
  long seed = 0L;

  /** Not validated here: each model's builder checks its own inputs with its own messages. */
  ModelBuilder(int[] labels, int k, Loss defaultLoss, Normalization defaultNormalization) {
    this.labels = labels;
    this.k = k;
    this.loss = defaultLoss;
    this.normalization = defaultNormalization;
  }

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /** The normalization to build with (the one set, unless a model resolves a null default). */
  Normalization resolvedNormalization() {
    return normalization;
  }

  /** Backend for every product (default {@link Backends#best()}). */
  public B blas(Blas v) {
    blas = v;
    return self();
  }

  /** Unregularized biases b_l in every layer (default false). */
  public B bias(boolean v) {
    bias = v;
    return self();
  }

  /** Data loss (default: see the model's builder). */
  public B loss(Loss v) {
    loss = v;
    return self();
  }

  /** Sum or mean over samples of the data term (default: see the model's builder). */
  public B normalization(Normalization v) {
    normalization = v;
    return self();
  }

  /** Seed of the initialization (default 0). */
  public B seed(long v) {
    seed = v;
    return self();
  }

  /** The model with these settings. */
  public abstract ChainModel build();
}
