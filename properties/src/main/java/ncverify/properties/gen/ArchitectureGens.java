package ncverify.properties.gen;

import java.util.Arrays;
import java.util.Locale;
import ncverify.impl.model.Activation;
import ncverify.properties.engine.Gen;
import ncverify.theory.InvalidInputException;

/**
 * Generators of network shapes: feature dimensions d relative to the class count K (d = K, d = K - 1,
 * d = 2K, d &gt;&gt; K; the regimes that matter for [SELI], [DLN] and [DUFM], docs/theory.md sections 2-4),
 * linear-head depths L2 in 1..6, nonlinear backbone depths L1, widths and activations, and the [JSWM]
 * MLP (backbone of L1 nonlinear layers, then L2 linear layers, docs/theory.md section 5). Every generator
 * shrinks toward the simplest network: d = K, one nonlinear layer of the smallest width, ReLU, the
 * smallest head depth allowed.
 */
public final class ArchitectureGens {

  /** Largest default linear-head depth (issue 7: 1..6 linear layers). */
  public static final int MAX_HEAD_DEPTH = 6;

  private ArchitectureGens() {
  }

  /** How the feature dimension relates to K, simplest first. */
  public enum DimRegime {
    /** d = K. */
    EQUAL_K,
    /** d = K - 1 (the simplex ETF's own dimension). */
    K_MINUS_ONE,
    /** d = 2K. */
    TWICE_K,
    /** d in [4K, max(4K, maxDim)]. */
    MUCH_LARGER
  }

  /** A feature dimension with the regime it was drawn from. */
  public record FeatureDim(DimRegime regime, int d) {
    @Override
    public String toString() {
      return "d=" + d + "(" + regime + ")";
    }
  }

  /**
   * Feature dimensions for K classes: K, K - 1, 2K or d &gt;&gt; K (uniform in [4K, max(4K, maxDim)]);
   * shrinks toward d = K.
   */
  public static Gen<FeatureDim> featureDims(int k, int maxDim) {
    if (k < 2) {
      throw InvalidInputException.of("need K >= 2 classes, got %d", k);
    }
    return Gen.elements(DimRegime.values()).flatMap(r -> switch (r) {
      case EQUAL_K -> Gen.constant(new FeatureDim(r, k));
      case K_MINUS_ONE -> Gen.constant(new FeatureDim(r, k - 1));
      case TWICE_K -> Gen.constant(new FeatureDim(r, 2 * k));
      case MUCH_LARGER -> Gen.integers(4 * k, Math.max(4 * k, maxDim)).map(d -> new FeatureDim(r, d));
    });
  }

  /** Linear-head depth L2 in [lo, hi] (1 &lt;= lo &lt;= hi); shrinks toward lo. */
  public static Gen<Integer> headDepths(int lo, int hi) {
    if (lo < 1 || hi < lo) {
      throw InvalidInputException.of("head depth range [%d, %d] needs 1 <= lo <= hi", lo, hi);
    }
    return Gen.integers(lo, hi);
  }

  /** Linear-head depth L2 in 1..6. */
  public static Gen<Integer> headDepths() {
    return headDepths(1, MAX_HEAD_DEPTH);
  }

  /** Nonlinear backbone depth L1 in [lo, hi] (lo &gt;= 0); shrinks toward lo. */
  public static Gen<Integer> backboneDepths(int lo, int hi) {
    if (lo < 0 || hi < lo) {
      throw InvalidInputException.of("backbone depth range [%d, %d] needs 0 <= lo <= hi", lo, hi);
    }
    return Gen.integers(lo, hi);
  }

  /** Widths among powers of two in [lo, hi] (lo, hi powers of two, lo &lt;= hi); shrinks toward lo. */
  public static Gen<Integer> widths(int lo, int hi) {
    if (lo < 1 || hi < lo || Integer.bitCount(lo) != 1 || Integer.bitCount(hi) != 1) {
      throw InvalidInputException.of("width range [%d, %d] needs powers of two 1 <= lo <= hi", lo, hi);
    }
    int count = Integer.numberOfTrailingZeros(hi) - Integer.numberOfTrailingZeros(lo) + 1;
    Integer[] ws = new Integer[count];
    for (int i = 0; i < count; i++) {
      ws[i] = lo << i;
    }
    return Gen.elements(ws);
  }

  /** Activations of nonlinear layers, ReLU first (simplest), then leaky ReLU, then tanh. */
  public static Gen<Activation> activations() {
    return Gen.elements(Activation.RELU, Activation.LEAKY_RELU, Activation.TANH);
  }

  /**
   * A [JSWM] MLP shape: L1 nonlinear layers Z_l = sigma(W_l Z_{l-1}) of width {@code width} (the first,
   * "wide" layer, is {@code firstWidth}), then a linear head of L2 layers whose hidden widths are all
   * {@code headWidth}, the last layer giving K outputs.
   *
   * @param inputDim d of the input X
   * @param firstWidth width of the first nonlinear layer
   * @param width width of the other nonlinear layers
   * @param l1 number of nonlinear layers L1 &gt;= 1
   * @param activation sigma
   * @param l2 number of linear head layers L2 &gt;= 1
   * @param headWidth width of the L2 - 1 hidden linear layers
   */
  public record MlpShape(int inputDim, int firstWidth, int width, int l1, Activation activation, int l2,
      int headWidth) {

    public MlpShape {
      if (inputDim < 1 || firstWidth < 1 || width < 1 || l1 < 1 || l2 < 1 || headWidth < 1 || activation == null
          || activation == Activation.IDENTITY) {
        throw InvalidInputException.of("invalid MLP shape d=%d w1=%d w=%d L1=%d act=%s L2=%d hw=%d", inputDim,
            firstWidth, width, l1, activation, l2, headWidth);
      }
    }

    /** Widths of the L1 nonlinear layers. */
    public int[] nonlinearWidths() {
      int[] w = new int[l1];
      Arrays.fill(w, width);
      w[0] = firstWidth;
      return w;
    }

    /** Widths of the L2 - 1 hidden linear layers. */
    public int[] linearHiddenWidths() {
      int[] w = new int[l2 - 1];
      Arrays.fill(w, headWidth);
      return w;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "mlp(d=%d, nonlinear=%s %s, head L2=%d width %d)", inputDim,
          Arrays.toString(nonlinearWidths()), activation, l2, headWidth);
    }
  }

  /**
   * [JSWM] MLP shapes: input dimension from {@code inputDims}, L1 in [1, maxL1], first width in
   * [minWidth, maxWidth] (powers of two), the other backbone widths and the head width powers of two
   * in [max(K, minWidth), maxWidth] (never below K, so the head keeps rank K), an activation, and L2
   * from {@code headDepths}. Shrinks toward the simplest network.
   */
  public static Gen<MlpShape> mlps(int k, Gen<Integer> inputDims, int maxL1, int minWidth, int maxWidth,
      Gen<Integer> headDepths) {
    int headMin = Integer.highestOneBit(Math.max(minWidth, k));
    if (headMin < k) {
      headMin <<= 1;
    }
    int headLo = Math.min(headMin, maxWidth);
    Gen<Integer> headWidths = widths(headLo, Math.max(headLo, maxWidth));
    Gen<Integer> firstWidths = widths(minWidth, maxWidth);
    return s -> {
      int l2 = headDepths.generate(s);
      int d = inputDims.generate(s);
      int first = firstWidths.generate(s);
      int l1 = backboneDepths(1, maxL1).generate(s);
      int w = l1 > 1 ? headWidths.generate(s) : first;
      Activation act = activations().generate(s);
      int hw = l2 > 1 ? headWidths.generate(s) : headLo;
      return new MlpShape(d, first, w, l1, act, l2, hw);
    };
  }
}
