package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.FashionMnist;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.Model;
import ncverify.impl.model.conv.ConvArchitecture;
import ncverify.impl.model.conv.ConvNet;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.TrainResult;
import ncverify.impl.train.Trainer;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.jswm.JswmQuantities;
import ncverify.theory.claims.registry.ClaimRegistry;
import org.ejml.data.DMatrixRMaj;

/**
 * The [JSWM] claims on real data: an MLP (ReLU block, then a linear head of two layers) and a small CNN
 * (two 3 x 3 convolutions with 8 and 16 channels, each followed by 2 x 2 max pooling, a dense ReLU layer
 * of 64, then the same linear head; docs/theory.md section 5.1), both with MSE with mean normalization
 * and weight decay lambda on every weight and kernel, are trained with SGD on a balanced and on a
 * (R = 5, rho = 1/2) STEP-imbalanced subset of the Fashion-MNIST training split; {@link JswmQuantities}
 * measures the head (loss scale c = 1/N, eta = the learning rate), with the critical-point quantities
 * from the training engine's own gradients, and every [JSWM] claim whose quantities are measured is
 * judged ({@link ClaimRegistry}).
 */
public final class RealDataCheck {

  /** What to tell a user without the data set. */
  public static final String NOT_INSTALLED = "Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR
      + " (install it with: apt-get install dataset-fashion-mnist); running the synthetic part only";

  static final double LAMBDA = 5e-4;
  static final double LR = 0.003;

  private RealDataCheck() {
  }

  /** Whether the files are installed. */
  public static boolean available() {
    return new FashionMnist().isAvailable();
  }

  /**
   * Runs both subsets with both backbones: {@code {name -> {backbone, network, sizes, steps, train_error,
   * final_loss, summary, claims: [...]}}} for the names balanced, step_R5 (MLP), cnn_balanced,
   * cnn_step_R5.
   */
  public static Map<String, Object> run(boolean quick, long seed) {
    FashionMnist fm = new FashionMnist();
    int per = quick ? 20 : 60;
    ClassSizes balanced = ClassSizes.balanced(FashionMnist.K, per);
    ClassSizes step = ClassSizes.step(FashionMnist.K, 5, 0.5, per / 5);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("balanced", subset(fm, balanced, false, quick, seed));
    out.put("step_R5", subset(fm, step, false, quick, seed));
    out.put("cnn_balanced", subset(fm, balanced, true, quick, seed));
    out.put("cnn_step_R5", subset(fm, step, true, quick, seed));
    return out;
  }

  /** The CNN on 1 x 28 x 28 images: conv 3x3-8, max pool 2, conv 3x3-16, max pool 2, fc 64, head 32 -> 10. */
  static final ConvArchitecture CNN = ConvArchitecture.cnn(new int[] {8, 16}, new int[] {64}, new int[] {32});
  /** Learning rate of the CNN (mean normalization, momentum 0.9, batch 32). */
  static final double CNN_LR = 0.03;
  /** Init scale of the CNN (He x 0.5, as ncv train's default for cnn). */
  static final double CNN_INIT = 0.5;

  private static Map<String, Object> subset(FashionMnist fm, ClassSizes sizes, boolean cnn, boolean quick, long seed) {
    Dataset d = fm.load(FashionMnist.Split.TRAIN, sizes, seed);
    Model model = cnn
        ? ConvNet.builder(d, FashionMnist.SHAPE).architecture(CNN).normalization(Normalization.MEAN).lambda(LAMBDA)
            .initScale(CNN_INIT).seed(seed).build()
        : Mlp.builder(d.x(), d.labels(), d.k()).nonlinearWidths(64).linearHiddenWidths(32)
            .normalization(Normalization.MEAN).lambda(LAMBDA).seed(seed).build();
    double lr = cnn ? CNN_LR : LR;
    int steps = cnn ? (quick ? 500 : 3000) : (quick ? 2000 : 8000);
    TrainResult r = new Trainer(TrainConfig.sgd(lr, 0.9, 32, steps, 0, seed)).train(model);
    int depth = model.depth();
    List<DMatrixRMaj> head = List.of(model.weight(depth - 1), model.weight(depth));
    DMatrixRMaj zIn = model.featuresEntering(depth - 1);
    // the critical-point claim cross-checks the training engine's own gradients R = G + lambda W
    Measurement m = JswmQuantities.measure(head, zIn, model.logits(), d.labels(), d.k(), LAMBDA, lr,
        1.0 / d.size()).toBuilder().putAll(JswmQuantities.criticalPoint(head,
            List.of(model.objectiveGradient(depth - 1), model.objectiveGradient(depth)), LAMBDA)).build();
    List<Object> claims = new ArrayList<>();
    int[] counts = new int[3];
    for (Claim c : ClaimRegistry.standard().all()) {
      if (!c.paper().key().equals("[JSWM]") || !c.requiredQuantities().stream().allMatch(m::has)) {
        continue;
      }
      ClaimResult cr = c.evaluate(m);
      counts[cr.verdict().ordinal()]++;
      claims.add(cr.toJsonMap());
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("backbone", cnn ? CNN.family() : "mlp");
    s.put("network", cnn ? CNN.toString() : "mlp(784 -> 64 relu, head L2=2 [32])");
    s.put("sizes", sizes.toArray());
    s.put("steps", steps);
    s.put("final_loss", r.finalLoss());
    s.put("train_error", r.trainError());
    s.put("summary", String.format(Locale.ROOT, "%d hold, %d violated, %d not applicable", counts[0], counts[1],
        counts[2]));
    s.put("claims", claims);
    return s;
  }
}
