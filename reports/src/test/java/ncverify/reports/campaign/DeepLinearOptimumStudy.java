package ncverify.reports.campaign;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.TrainResult;
import ncverify.impl.train.Trainer;
import ncverify.properties.engine.Gen;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.claims.ufm.DlnOptimumClaim;
import ncverify.theory.geometry.DeepLinearUfmOptimum;

/**
 * A tiny real study for the campaign tests: a deep linear UFM ([DLN], docs/theory.md section 3) with
 * generated class sizes, depth and lambda is trained by GD; claim {@code dln.optimum} (the reached
 * objective is never below the closed-form global optimum) is judged on it.
 */
final class DeepLinearOptimumStudy implements Study<DeepLinearOptimumStudy.Case> {

  /** The case: class sizes, depth M, lambda_W = lambda_H. */
  record Case(List<Integer> sizes, int depth, double lambda) {
    int[] sizeArray() {
      return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  static final int STEPS = 300;

  @Override
  public String id() {
    return "test.dln-optimum";
  }

  @Override
  public String description() {
    return "deep linear UFM with 2-3 imbalanced classes, depth 1-2, trained by GD; dln.optimum is judged";
  }

  @Override
  public List<String> claimIds() {
    return List.of("dln.optimum");
  }

  @Override
  public Gen<Case> cases() {
    return Gen.lists(Gen.integers(1, 5), 2, 3).flatMap(sizes -> Gen.integers(1, 2)
        .flatMap(depth -> Gen.elements(1e-2, 3e-3).map(lambda -> new Case(sizes, depth, lambda))));
  }

  @Override
  public StudyOutcome run(Case c, long seed) {
    int[] sizes = c.sizeArray();
    int k = sizes.length;
    DeepLinearUfm model = DeepLinearUfm.builder(k + 1, c.depth(), ClassSizes.of(sizes).sortedLabels(), k)
        .lambdaW(c.lambda()).lambdaH(c.lambda()).initStd(0.5).seed(seed).build();
    TrainResult r = new Trainer(TrainConfig.gd(0.5, STEPS, 0, seed)).train(model);
    double closed = DeepLinearUfmOptimum.of(sizes, c.depth(), c.lambda(), c.lambda()).optimalLoss();
    Measurement m = Measurement.builder().put(DlnOptimumClaim.REACHED_LOSS, r.finalLoss())
        .put(DlnOptimumClaim.CLOSED_FORM_LOSS, closed).flag(DlnOptimumClaim.CONVERGED, true).build();
    Map<String, Object> obs = new LinkedHashMap<>();
    obs.put("final_loss", r.finalLoss());
    obs.put("closed_form_loss", closed);
    obs.put("sizes", Arrays.toString(sizes));
    return StudyOutcome.of(List.of(ClaimRegistry.standard().get("dln.optimum").evaluate(m)), obs);
  }

  @Override
  public int defaultTries() {
    return 6;
  }
}
