package ncverify.impl.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import ncverify.impl.model.Parameter;
import ncverify.theory.InvalidInputException;

/**
 * (Stochastic) gradient descent with heavy-ball momentum mu and weight decay:
 * g = G + lambda_P P (G the data-term gradient, lambda_P = {@link Parameter#decay()}),
 * v <- mu v + g, P <- P - eta v. With mu = 0 this is exactly docs/theory.md section 5's
 * P <- (1 - eta lambda) P - eta G (full-batch GD when G is the full-data gradient).
 * Velocities start at zero and are kept per parameter (no per-step allocation).
 */
public final class Sgd implements Optimizer {

  private final double momentum;
  private final Map<Parameter, double[]> velocity = new IdentityHashMap<>();

  public Sgd(double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw InvalidInputException.of("momentum %s is outside [0, 1)", momentum);
    }
    this.momentum = momentum;
  }

  /** Plain gradient descent (no momentum). */
  public static Sgd plain() {
    return new Sgd(0.0);
  }

  public double momentum() {
    return momentum;
  }

  @Override
  public String name() {
    return momentum == 0 ? "gd" : "sgd-momentum-" + momentum;
  }

  @Override
  public void step(List<Parameter> params, double lr) {
    for (Parameter p : params) {
      double[] w = p.value();
      double[] g = p.grad();
      double lambda = p.decay();
      if (momentum == 0) {
        double shrink = 1.0 - lr * lambda;
        for (int i = 0; i < w.length; i++) {
          w[i] = shrink * w[i] - lr * g[i];
        }
      } else {
        double[] v = velocity.computeIfAbsent(p, q -> new double[q.value().length]);
        for (int i = 0; i < w.length; i++) {
          double vi = momentum * v[i] + g[i] + lambda * w[i];
          v[i] = vi;
          w[i] -= lr * vi;
        }
      }
    }
  }
}
