package ncverify.properties.jswm;

import ncverify.impl.data.ClassSizes;
import ncverify.impl.model.Activation;
import ncverify.properties.gen.ArchitectureGens.MlpShape;
import ncverify.properties.gen.ClassSizeGens;

/**
 * Fixed cases of {@link JswmMlpStudy} that differ only in the width of the first (nonlinear) layer
 * and the seed, for the GD-side observation of [JSWM] Thm 4.4 (docs/theory.md section 5: wide first layer +
 * weight decay gives low error and a balanced head after training; proved for NC1 only, so reported
 * as a fraction per width, never judged as a claim). Setting: K = 3 balanced classes of 6 samples,
 * input dimension 6, one ReLU layer of the given width, a linear head of L2 = 3 layers of width 32,
 * init scale 0.5, lambda = 0.3, learning rate half the stability limit at initialization.
 */
public final class WidthSweep {

  private static final int K = 3;
  private static final int N_PER_CLASS = 6;

  private WidthSweep() {
  }

  /** The case with first-layer width {@code width} and seed {@code seed}. */
  public static JswmMlpStudy.Case caseWithWidth(int width, long seed) {
    ClassSizeGens.Spec sizes = new ClassSizeGens.Spec(ClassSizeGens.Profile.BALANCED,
        ClassSizes.balanced(K, N_PER_CLASS), 1.0, 0.0);
    MlpShape shape = new MlpShape(2 * K, width, width, 1, Activation.RELU, 3, 32);
    return new JswmMlpStudy.Case(sizes, shape, 0.5, 0.5, 0.3, 0.5, JswmMlpStudy.Settings.fromSystem().steps(), seed);
  }
}
