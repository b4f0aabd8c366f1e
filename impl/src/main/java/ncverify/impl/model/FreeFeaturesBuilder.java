package ncverify.impl.model;

import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;

/**
 * Settings shared by the unconstrained features models ([SELI], [DLN], [DUFM]; docs/theory.md sections
 * 2-4): free features H (d x N) entering `layers` weight matrices, widths n_0 = d, hidden widths
 * n_1..n_{layers-1} (default all d), n_layers = K, the ridge (lambda_H/2)||H||^2 and the init
 * entries N(0, initStd^2) of H and every W_l.
 *
 * @param <B> the concrete builder
 */
public abstract class FreeFeaturesBuilder<B extends FreeFeaturesBuilder<B>> extends ModelBuilder<B> {

  final int d;
  final int layers;
  private final String layerSymbol;
  private int[] hiddenWidths;
  double lambdaH = 0.0;
  double initStd = 0.1;

  /**
   * @param layerSymbol the paper's name of the depth in messages ("M" in [DLN], "L" in [DUFM])
   * @param what the model's name in messages ("UFM", "deep UFM", ...)
   */
  FreeFeaturesBuilder(int d, int layers, int[] labels, int k, Loss defaultLoss,
                      Normalization defaultNormalization, String layerSymbol, String what) {
    super(labels, k, defaultLoss, defaultNormalization);
    if (layers < 1) {
      throw InvalidInputException.of("%s = %d layers, need %s >= 1", layerSymbol, layers, layerSymbol);
    }
    if (labels == null) {
      throw new InvalidInputException(what + " needs labels");
    }
    this.d = d;
    this.layers = layers;
    this.layerSymbol = layerSymbol;
  }

  /** Sets the hidden widths n_1..n_{layers-1}; the models expose it with their own names. */
  void setHiddenWidths(int[] v) {
    if (v.length != layers - 1) {
      throw InvalidInputException.of("%d hidden widths given, %s - 1 = %d needed", v.length,
          layerSymbol, layers - 1);
    }
    hiddenWidths = v.clone();
  }

  /** n_0..n_layers: d, the hidden widths (default all d), K. */
  int[] widths() {
    int[] widths = new int[layers + 1];
    widths[0] = d;
    for (int l = 1; l < layers; l++) {
      widths[l] = hiddenWidths == null ? d : hiddenWidths[l - 1];
    }
    widths[layers] = k;
    return widths;
  }

  /** Ridge lambda_H on the free features H (default 0). */
  public B lambdaH(double v) {
    lambdaH = v;
    return self();
  }

  /** Standard deviation of the init entries of H and every W_l (default 0.1). */
  public B initStd(double v) {
    initStd = v;
    return self();
  }
}
