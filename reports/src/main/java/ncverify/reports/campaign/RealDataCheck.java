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
 * The [JSWM] claims on real data: an MLP (ReLU block, then a linear head of two layers, MSE with mean
 * normalization, weight decay lambda) is trained with SGD on a balanced and on a (R = 5, rho = 1/2)
 * STEP-imbalanced subset of the Fashion-MNIST training split; {@link JswmQuantities} measures the head
 * (loss scale c = 1/N, eta = the learning rate), with the critical-point quantities from the training
 * engine's own gradients, and every [JSWM] claim whose quantities are measured is judged
 * ({@link ClaimRegistry}).
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

  /** Runs both subsets: {@code {subset name -> {sizes, train_error, final_loss, claims: [...]}}}. */
  public static Map<String, Object> run(boolean quick, long seed) {
    FashionMnist fm = new FashionMnist();
    int per = quick ? 20 : 60;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("balanced", subset(fm, ClassSizes.balanced(FashionMnist.K, per), quick, seed));
    out.put("step_R5", subset(fm, ClassSizes.step(FashionMnist.K, 5, 0.5, per / 5), quick, seed));
    return out;
  }

  private static Map<String, Object> subset(FashionMnist fm, ClassSizes sizes, boolean quick, long seed) {
    Dataset d = fm.load(FashionMnist.Split.TRAIN, sizes, seed);
    Mlp mlp = Mlp.builder(d.x(), d.labels(), d.k()).nonlinearWidths(64).linearHiddenWidths(32)
        .normalization(Normalization.MEAN).lambda(LAMBDA).seed(seed).build();
    int steps = quick ? 2000 : 8000;
    TrainResult r = new Trainer(TrainConfig.sgd(LR, 0.9, 32, steps, 0, seed)).train(mlp);
    int depth = mlp.depth();
    List<DMatrixRMaj> head = List.of(mlp.weight(depth - 1), mlp.weight(depth));
    DMatrixRMaj zIn = mlp.featuresEntering(depth - 1);
    // the critical-point claim cross-checks the training engine's own gradients R = G + lambda W
    Measurement m = JswmQuantities.measure(head, zIn, mlp.logits(), d.labels(), d.k(), LAMBDA, LR,
        1.0 / d.size()).toBuilder().putAll(JswmQuantities.criticalPoint(head,
            List.of(mlp.objectiveGradient(depth - 1), mlp.objectiveGradient(depth)), LAMBDA)).build();
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
