package ncverify.impl.optim;

import java.util.List;
import ncverify.impl.model.Parameter;

/**
 * Updates parameters in place from their data-term gradients G and their ridge coefficients lambda,
 * so that one step descends the full objective data + sum (lambda/2)||P||^2 (docs/theory.md section 5).
 */
public interface Optimizer {

  /** Short name for reports. */
  String name();

  /** One update with learning rate eta of every parameter. */
  void step(List<Parameter> params, double lr);
}
