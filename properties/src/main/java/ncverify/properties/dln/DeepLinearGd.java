package ncverify.properties.dln;

import java.util.ArrayList;
import java.util.List;
import ncverify.impl.model.ChainModel;
import ncverify.impl.model.Parameter;
import ncverify.impl.optim.LrSchedule;
import ncverify.impl.train.DivergenceException;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.Trainer;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Svd;

/**
 * Trains a {@link ncverify.impl.model.DeepLinearUfm} ([DLN], docs/theory.md section 3) or a
 * {@link ncverify.impl.model.DeepUfm} ([DUFM], section 4) with full-batch heavy-ball GD
 * ({@link Trainer}, momentum {@link #MOMENTUM}) in chunks until the full gradient of the objective
 * F = (1/(2N))||W_M...W_1 H - Y||^2 + (lambda_W/2) sum ||W_m||^2 + (lambda_H/2)||H||^2 has norm
 * &lt;= {@code gradTol}. Before each chunk the step is 1/L_est with the block bound
 * L_est = sum_blocks (1/N) prod_{other factors} ||F_j||_op^2 + (||R||/N) sum_{pairs} prod_{others}
 * ||F_j||_op + max lambda (Gauss-Newton part plus the residual R = Z - Y times the second
 * derivatives of the product), so the step follows the growth of the factors away from a small init;
 * a chunk that diverges is undone and retried with a quarter of the step.
 */
public final class DeepLinearGd {

  /** Heavy-ball momentum. */
  public static final double MOMENTUM = 0.9;

  private final int chunkSteps;
  private final int maxSteps;
  private final double gradTol;

  /**
   * @param chunkSteps steps between step-size/convergence checks
   * @param maxSteps budget per run
   * @param gradTol tolerance on ||grad F|| (the loss is O(1): MSE mean of one-hot targets)
   */
  public DeepLinearGd(int chunkSteps, int maxSteps, double gradTol) {
    if (chunkSteps < 1 || maxSteps < chunkSteps || !(gradTol > 0)) {
      throw InvalidInputException.of("chunk %d, budget %d, tolerance %s: need 1 <= chunk <= budget, tol > 0",
          chunkSteps, maxSteps, gradTol);
    }
    this.chunkSteps = chunkSteps;
    this.maxSteps = maxSteps;
    this.gradTol = gradTol;
  }

  /** Outcome of one run: objective, steps used, final ||grad F||, whether it reached the tolerance. */
  public record Run(double objective, int steps, double gradNorm, boolean converged) {
  }

  /** Trains {@code model} in place. */
  public Run train(ChainModel model, long seed) {
    List<Parameter> params = model.parameters();
    double maxDecay = 0;
    for (Parameter p : params) {
      maxDecay = Math.max(maxDecay, p.decay());
    }
    int steps = 0;
    double scale = 1.0;
    double g = gradNorm(model);
    while (g > gradTol && steps < maxSteps) {
      int chunk = Math.min(chunkSteps, maxSteps - steps);
      double lr = Math.min(scale / curvature(model, maxDecay), 0.5 / Math.max(maxDecay, 1e-300));
      List<double[]> snapshot = snapshot(params);
      try {
        TrainConfig cfg = new TrainConfig(seed, chunk, 0, lr, MOMENTUM, new LrSchedule.Constant(), 0, false,
            TrainConfig.DEFAULT_MAX_PARAM_NORM);
        new Trainer(cfg).train(model);
      } catch (DivergenceException e) {
        restore(params, snapshot);
        scale *= 0.25;
        if (scale < 1e-6) {
          break;
        }
        continue;
      }
      steps += chunk;
      g = gradNorm(model);
    }
    return new Run(model.objective(), steps, g, g <= gradTol);
  }

  /** ||grad F|| with grad F = data gradient + lambda_P P for every parameter. */
  public static double gradNorm(ChainModel model) {
    model.lossAndGradient(null, 0, model.numSamples());
    double g2 = 0;
    for (Parameter p : model.parameters()) {
      double[] v = p.value();
      double[] gr = p.grad();
      for (int i = 0; i < v.length; i++) {
        double gi = gr[i] + p.decay() * v[i];
        g2 += gi * gi;
      }
    }
    return Math.sqrt(g2);
  }

  private static double curvature(ChainModel model, double maxDecay) {
    List<Parameter> params = model.parameters();
    int b = params.size();
    double[] op = new double[b];
    for (int i = 0; i < b; i++) {
      op[i] = Svd.singularValues(params.get(i).valueMatrix())[0];
    }
    int n = model.numSamples();
    double residual = Math.sqrt(2 * n * Math.max(model.evaluate().dataLoss(), 0));
    double gn = 0;
    double second = 0;
    for (int i = 0; i < b; i++) {
      double prod = 1;
      for (int j = 0; j < b; j++) {
        if (j != i) {
          prod *= op[j] * op[j];
        }
      }
      gn += prod;
      for (int j = i + 1; j < b; j++) {
        double p2 = 1;
        for (int l = 0; l < b; l++) {
          if (l != i && l != j) {
            p2 *= op[l];
          }
        }
        second += p2;
      }
    }
    return gn / n + residual * second / n + maxDecay;
  }

  private static List<double[]> snapshot(List<Parameter> params) {
    List<double[]> s = new ArrayList<>();
    for (Parameter p : params) {
      s.add(p.value().clone());
    }
    return s;
  }

  private static void restore(List<Parameter> params, List<double[]> s) {
    for (int i = 0; i < params.size(); i++) {
      System.arraycopy(s.get(i), 0, params.get(i).value(), 0, s.get(i).length);
    }
  }
}
