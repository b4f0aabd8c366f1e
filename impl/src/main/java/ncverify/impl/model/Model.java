package ncverify.impl.model;

import java.util.List;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * A model bound to its training set (N samples, labels in 0..K-1) with a full regularized objective
 * F = data term + sum_P (lambda_P/2)||P||^2. The layers are Z_l = act_l(W_l Z_{l-1} + b_l 1^T),
 * l = 1..L, Z_0 the input (fixed data X or free features H); {@link #objectiveFormula()} states the
 * exact objective of each concrete model.
 */
public interface Model {

  /** Short model name ({@code "mlp"}, {@code "ufm"}, {@code "deep-linear-ufm"}, {@code "deep-ufm"}). */
  String name();

  /** The objective as a formula, with its normalization and lambdas filled in. */
  String objectiveFormula();

  /** Every trainable tensor in a fixed order (free features first, then W_1, b_1, W_2, ...). */
  List<Parameter> parameters();

  int numSamples();

  int numClasses();

  /** A copy of the labels. */
  int[] labels();

  /** Number L of layers (weight matrices). */
  int depth();

  /** The activation after layer l (IDENTITY for linear layers, always for the last one). */
  Activation activation(int l);

  /** A copy of W_l, n_l x n_{l-1}, 1 <= l <= L. */
  DMatrixRMaj weight(int l);

  /** Copies of W_1..W_L in order. */
  List<DMatrixRMaj> layerWeights();

  /** A copy of b_l as an n_l x 1 column, if the model has biases. */
  Optional<DMatrixRMaj> bias(int l);

  /** Z_{l-1}, the n_{l-1} x N features entering layer l (l = 1: the input X or H), all samples. */
  DMatrixRMaj featuresEntering(int l);

  /** The n_l x N pre-activation W_l Z_{l-1} + b_l 1^T of layer l, all samples. */
  DMatrixRMaj preActivation(int l);

  /** The penultimate features Z_{L-1} (d x N) entering the last layer. */
  default DMatrixRMaj penultimateFeatures() {
    return featuresEntering(depth());
  }

  /** The K x N logits Z_L. */
  default DMatrixRMaj logits() {
    return preActivation(depth());
  }

  /**
   * Data term on the given columns (indices idx[off..off+b), or columns off..off+b when
   * {@code idx == null}), scaled as an estimate of the full-data term, and writes its gradient into
   * every {@link Parameter#grad()} (overwriting). Regularizers are not included: see
   * {@link Parameter#decay()}.
   */
  double lossAndGradient(int[] idx, int off, int b);

  /**
   * R_l = G_l + lambda_l W_l, the gradient of the full regularized objective with respect to W_l over
   * all N samples, from the model's own backprop (one full {@link #lossAndGradient} pass, which
   * overwrites every gradient buffer) and the layer's weight decay, as the optimizer applies it.
   */
  DMatrixRMaj objectiveGradient(int l);

  /** Full-data term, regularizer, objective and train error at the current parameters. */
  Evaluation evaluate();

  /** Full objective F at the current parameters. */
  default double objective() {
    return evaluate().objective();
  }

  /** sum_P (lambda_P/2)||P||^2. */
  double regularization();
}
