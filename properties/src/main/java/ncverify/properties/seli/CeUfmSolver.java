package ncverify.properties.seli;

import java.util.List;
import ncverify.theory.linalg.blas.Blas;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.Ufm;
import ncverify.impl.optim.LrSchedule;
import ncverify.impl.train.DivergenceException;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.Trainer;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;

/**
 * Trains the cross-entropy UFM of [SELI] (docs/theory.md section 2),
 * F(W, H) = sum_i CE(W h_i, y_i) + (lambda/2)(||W||^2 + ||H||^2), bias-free, to a certified
 * stationary point: full-batch heavy-ball GD ({@link Trainer}, momentum max(0.9, 1 - 2 sqrt(lambda)),
 * see {@link #momentum(double)}) in chunks. Before each chunk the step is set to 1/L_est with the
 * local curvature estimate L_est = (||W||_op^2 + ||H||_op^2)/2 + ||P - Y||_op + lambda (softmax
 * Hessian &lt;= 1/2, the W-H cross term bounded by the residual), so the step follows the growth of the
 * norms as lambda shrinks; a chunk that diverges is undone and retried with a quarter of the step.
 * Converged means the relative stationarity r = ||grad F|| / (lambda ||(W, H)||) &lt;= {@code relTol}:
 * at a critical point the data gradient equals -lambda (W, H), so r measures the unbalanced fraction
 * of that force independent of the scale.
 */
public final class CeUfmSolver {

  /** Smallest heavy-ball momentum (used for lambda &gt;= 0.0025). */
  public static final double MOMENTUM = 0.9;
  /** Smallest step scale tried after divergent chunks before giving up (rethrowing). */
  static final double MIN_STEP_SCALE = 1e-4;
  /** Default relative stationarity tolerance. */
  public static final double DEFAULT_REL_TOL = 1e-4;

  private final int chunkSteps;
  private final int maxSteps;
  private final double relTol;
  private final Blas blas;

  /**
   * @param chunkSteps GD steps between curvature/convergence checks
   * @param maxSteps budget of steps per lambda
   * @param relTol tolerance on r = ||grad F|| / (lambda ||(W, H)||)
   * @param blas backend of the model
   */
  public CeUfmSolver(int chunkSteps, int maxSteps, double relTol, Blas blas) {
    if (chunkSteps < 1 || maxSteps < chunkSteps || !(relTol > 0)) {
      throw InvalidInputException.of("chunk %d, budget %d, tolerance %s: need 1 <= chunk <= budget, tol > 0",
          chunkSteps, maxSteps, relTol);
    }
    this.chunkSteps = chunkSteps;
    this.maxSteps = maxSteps;
    this.relTol = relTol;
    this.blas = blas;
  }

  /** Solution at one lambda: W (K x d), H (d x N), steps used, final r, whether r reached the tolerance. */
  public record Solution(double lambda, DMatrixRMaj w, DMatrixRMaj h, double objective, int steps,
      double relativeGradient, boolean converged) {
  }

  /**
   * Trains at {@code lambda} from {@code start} (warm start) or, when {@code start} is null, from a
   * seeded Gaussian init of std {@code initStd}.
   */
  public Solution solve(int d, int[] labels, int k, double lambda, Solution start, double initStd, long seed) {
    Ufm model = Ufm.builder(d, labels, k).blas(blas).lambda(lambda).initStd(initStd).seed(seed).build();
    List<Parameter> params = model.parameters();
    if (start != null) {
      System.arraycopy(start.h().data, 0, params.get(0).value(), 0, start.h().data.length);
      System.arraycopy(start.w().data, 0, params.get(1).value(), 0, start.w().data.length);
    }
    int steps = 0;
    double scale = 1.0;
    double r = relativeGradient(model, lambda);
    while (r > relTol && steps < maxSteps) {
      int chunk = Math.min(chunkSteps, maxSteps - steps);
      double lr = scale / curvature(model, labels, k, lambda);
      double[] h0 = params.get(0).value().clone();
      double[] w0 = params.get(1).value().clone();
      try {
        TrainConfig cfg = new TrainConfig(seed, chunk, 0, lr, momentum(lambda), new LrSchedule.Constant(), 0, false,
            TrainConfig.DEFAULT_MAX_PARAM_NORM);
        new Trainer(cfg).train(model);
      } catch (DivergenceException e) {
        // the local curvature bound was exceeded within the chunk: undo it, retry with a smaller step
        System.arraycopy(h0, 0, params.get(0).value(), 0, h0.length);
        System.arraycopy(w0, 0, params.get(1).value(), 0, w0.length);
        scale *= 0.25;
        if (scale < MIN_STEP_SCALE) {
          throw e;
        }
        continue;
      }
      steps += chunk;
      r = relativeGradient(model, lambda);
    }
    return new Solution(lambda, params.get(1).valueMatrix(), params.get(0).valueMatrix(), model.objective(),
        steps, r, r <= relTol);
  }

  /**
   * Heavy-ball momentum at ridge lambda: max(0.9, 1 - 2 sqrt(lambda)) (the condition number of the
   * problem near its solution grows like 1/lambda, and heavy ball needs 1 - mu ~ 1/sqrt(kappa)).
   */
  static double momentum(double lambda) {
    return Math.max(MOMENTUM, 1 - 2 * Math.sqrt(lambda));
  }

  /** r = ||grad F|| / (lambda ||theta||), grad F = data gradient + lambda theta. */
  static double relativeGradient(Ufm model, double lambda) {
    model.lossAndGradient(null, 0, model.numSamples());
    double g2 = 0;
    double t2 = 0;
    for (Parameter p : model.parameters()) {
      double[] v = p.value();
      double[] g = p.grad();
      for (int i = 0; i < v.length; i++) {
        double gi = g[i] + p.decay() * v[i];
        g2 += gi * gi;
        t2 += v[i] * v[i];
      }
    }
    if (t2 == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.sqrt(g2) / (lambda * Math.sqrt(t2));
  }

  private static double curvature(Ufm model, int[] labels, int k, double lambda) {
    List<Parameter> params = model.parameters();
    double hOp = Svd.singularValues(params.get(0).valueMatrix())[0];
    double wOp = Svd.singularValues(params.get(1).valueMatrix())[0];
    DMatrixRMaj z = model.logits();
    DMatrixRMaj residual = new DMatrixRMaj(k, z.numCols);
    for (int i = 0; i < z.numCols; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, z.get(c, i));
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(z.get(c, i) - max);
      }
      for (int c = 0; c < k; c++) {
        residual.set(c, i, Math.exp(z.get(c, i) - max) / sum - (labels[i] == c ? 1 : 0));
      }
    }
    double rOp = Svd.singularValues(residual)[0];
    return 0.5 * (hOp * hOp + wOp * wOp) + rOp + lambda;
  }
}
