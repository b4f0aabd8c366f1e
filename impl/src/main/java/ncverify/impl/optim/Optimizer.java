package ncverify.impl.optim;

import java.util.List;
import ncverify.impl.model.Parameter;

/** Updates parameters in place from their data-term gradients and their ridge coefficients. */
public interface Optimizer {

  /** Short name for reports. */
  String name();

  /** One update with learning rate eta of every parameter. */
  void step(List<Parameter> params, double lr);
}
