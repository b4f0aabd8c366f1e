package ncverify.impl.model;

import org.ejml.data.DMatrixRMaj;

/**
 * A named trainable tensor (rows x cols, row-major) with its gradient buffer and the ridge
 * coefficient lambda of its regularizer (lambda/2)||P||^2 in the model's objective (0 = not
 * regularized). Optimizers read {@link #grad()} (gradient of the data term only) and apply the
 * decay themselves, W <- (1 - eta lambda) W - eta G (docs/theory.md section 5).
 *
 * <p>The arrays are live views into the model; copy them with {@link #valueMatrix()}.
 */
public final class Parameter {

  private final String name;
  private final int rows;
  private final int cols;
  private final double[] value;
  private final double[] grad;
  private final double decay;

  /** A zero tensor rows x cols with a zero gradient and ridge coefficient {@code decay}. */
  public Parameter(String name, int rows, int cols, double decay) {
    this.name = name;
    this.rows = rows;
    this.cols = cols;
    this.value = new double[rows * cols];
    this.grad = new double[rows * cols];
    this.decay = decay;
  }

  public String name() {
    return name;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The live row-major value array. */
  public double[] value() {
    return value;
  }

  /** The live row-major gradient of the data term (after {@code lossAndGradient}). */
  public double[] grad() {
    return grad;
  }

  /** lambda of the regularizer (lambda/2)||P||^2. */
  public double decay() {
    return decay;
  }

  /** ||P||^2 (Frobenius). */
  public double normSquared() {
    double s = 0;
    for (double v : value) {
      s += v * v;
    }
    return s;
  }

  /** The regularizer sum_P (lambda_P/2)||P||^2 of a model's parameters. */
  public static double ridge(java.util.List<Parameter> params) {
    double r = 0;
    for (Parameter p : params) {
      if (p.decay() != 0) {
        r += 0.5 * p.decay() * p.normSquared();
      }
    }
    return r;
  }

  /** A copy of the value as a rows x cols matrix. */
  public DMatrixRMaj valueMatrix() {
    return new DMatrixRMaj(rows, cols, true, value.clone());
  }

  /** A copy of the gradient as a rows x cols matrix. */
  public DMatrixRMaj gradMatrix() {
    return new DMatrixRMaj(rows, cols, true, grad.clone());
  }

  /**
   * A copy of the full gradient G + lambda P of the objective (data term plus this parameter's ridge term
   * (lambda/2)||P||^2) as a rows x cols matrix, G the data-term gradient of the last backward pass.
   */
  public DMatrixRMaj fullGradMatrix() {
    DMatrixRMaj r = gradMatrix();
    for (int i = 0; i < value.length; i++) {
      r.data[i] += decay * value[i];
    }
    return r;
  }

  @Override
  public String toString() {
    return name + "[" + rows + "x" + cols + ", lambda=" + decay + "]";
  }
}
