package ncverify.properties.jswm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.GaussianMixture;
import ncverify.impl.data.ImageTemplates;
import ncverify.impl.model.Activation;
import ncverify.impl.model.Model;
import ncverify.impl.model.Parameter;
import ncverify.impl.optim.Sgd;
import ncverify.properties.engine.Gen;
import ncverify.properties.gen.ArchitectureGens;
import ncverify.properties.gen.ArchitectureGens.MlpShape;
import ncverify.properties.gen.ClassSizeGens;
import ncverify.properties.gen.ConvGens;
import ncverify.properties.gen.ConvGens.ConvShape;
import ncverify.properties.gen.HyperparameterGens;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.jswm.BalancednessStep;
import ncverify.theory.claims.registry.ClaimRegistry;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * [JSWM] Thm 4.4 mechanism, GD balancedness dynamics (docs/theory.md section 5), step by step on a real
 * network, an MLP or (one case in two) a CNN or ResNet backbone with the same kind of linear head
 * (observation {@code backbone}, which the campaign ledger groups by): for every full-batch GD step W &lt;- (1 - eta lambda) W - eta G and every pair of consecutive
 * layers, measures the residual of D_l(t+1) = (1 - eta lambda)^2 D_l(t) + eta^2 (G_{l+1}^T G_{l+1} -
 * G_l G_l^T)(t) with {@link BalancednessStep}. The claim is judged on the worst pair of linear head
 * layers over all steps; the pair straddling the last nonlinearity (W_{L1}, W_{L1+1}) is recorded as
 * NOT_APPLICABLE with its residual; judged as if it were linear, the identity must fail there at every
 * step (observation {@code straddle_identity_fails}), and the first-order cancellation
 * W_{l+1}^T G_{l+1} = G_l W_l^T that makes it exact is broken (observation
 * {@code straddle_min_cross_defect}, independent of eta). Also observed: ||D(T)||/||D(0)|| of the last head pair against the
 * weight-decay factor (1 - eta lambda)^{2T}.
 */
public final class JswmBalancednessDynamicsStudy implements Study<JswmBalancednessDynamicsStudy.Case> {

  /** The claim judged. */
  static final String CLAIM_ID = "jswm.thm4.4.balancedness_step";

  /**
   * One case.
   *
   * @param sizes class sizes
   * @param shape the MLP (L2 &gt;= 2)
   * @param lambda weight decay
   * @param lrFraction learning rate as a fraction of 2 / sharpness at initialization
   * @param steps GD steps, each one checked
   * @param seed data and init seed
   * @param conv the convolutional backbone (L2 &gt;= 2) and its image shape, or null for the MLP {@code shape}
   */
  public record Case(ClassSizeGens.Spec sizes, MlpShape shape, double lambda, double lrFraction, int steps,
      long seed, ConvShape conv) {

    /** "mlp", "cnn" or "resnet". */
    public String backbone() {
      return conv == null ? "mlp" : conv.family();
    }

    /** L1 of the {@link ncverify.impl.model.Model} view: the nonlinear dense layers before the head. */
    int l1() {
      return conv == null ? shape.l1() : conv.arch().denseWidths().length;
    }

    /** L2, the number of linear head layers. */
    int l2() {
      return conv == null ? shape.l2() : conv.l2();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Case[%s, %s, lambda=%.3g, lr=%.3g x 2/sharpness, steps=%d, seed=%d]", sizes,
          conv == null ? shape : conv, lambda, lrFraction, steps, seed);
    }
  }

  private final int steps;
  private final int tries;
  private final Claim claim = ClaimRegistry.standard().get(CLAIM_ID);

  public JswmBalancednessDynamicsStudy() {
    this(Study.exhaustive() ? 300 : 60, Study.exhaustive() ? 128 : 32);
  }

  /** @param steps GD steps per case; @param tries default tries */
  public JswmBalancednessDynamicsStudy(int steps, int tries) {
    this.steps = steps;
    this.tries = tries;
  }

  @Override
  public String id() {
    return "jswm.balancedness-dynamics";
  }

  @Override
  public String description() {
    return "MLP, CNN or ResNet backbone with a linear head (L2 >= 2), full-batch GD with weight decay; checks the"
        + " Thm 4.4 balancedness identity at every step on every linear head pair, and records that it fails"
        + " across the last nonlinearity.";
  }

  @Override
  public List<String> claimIds() {
    return List.of(CLAIM_ID);
  }

  /** Every case has a linear head pair, so the claim applies in every try that does not diverge at once. */
  @Override
  public Map<String, Double> minCoverage() {
    return Map.of(CLAIM_ID, 0.9);
  }

  @Override
  public int defaultTries() {
    return tries;
  }

  @Override
  public Gen<Case> cases() {
    return s -> {
      int k = ClassSizeGens.classCounts(2, 5).generate(s);
      ClassSizeGens.Spec sizes = ClassSizeGens.sizes(k, new ClassSizeGens.Scale(2, 6, 18), 50).generate(s);
      MlpShape shape = ArchitectureGens.mlps(k, ArchitectureGens.featureDims(k, 16).map(f -> Math.max(1, f.d())), 2,
          16, 64, ArchitectureGens.headDepths(2, 4)).generate(s);
      double lambda = HyperparameterGens.lambdas(1e-3, 1.0).generate(s);
      double lrFraction = Gen.doubles(0.1, 0.9).generate(s);
      long seed = HyperparameterGens.seeds().generate(s);
      ConvShape conv = Gen.integers(0, 1).generate(s) == 0 ? null : ConvGens.convNets(k, ConvGens.imageShapes(2, 4, 5),
          JswmMlpStudy.CONV_STAGES, JswmMlpStudy.CONV_CHANNELS, 1, JswmMlpStudy.CONV_WIDTH,
          ArchitectureGens.headDepths(2, 4)).generate(s);
      return new Case(sizes, shape, lambda, lrFraction, steps, seed, conv);
    };
  }

  @Override
  public StudyOutcome run(Case c, long seed) {
    int d = c.conv() == null ? c.shape().inputDim() : c.conv().input().size();
    Dataset data = c.conv() == null
        ? new GaussianMixture(d, JswmMlpStudy.SEPARATION, 0.5 / Math.sqrt(d), c.sizes().sizes(), c.seed()).generate()
        : new ImageTemplates(c.conv().input(), JswmMlpStudy.SEPARATION, 0.5 / Math.sqrt(d), c.sizes().sizes(),
            c.seed()).generate();
    Model model = c.conv() == null ? JswmNets.build(data, c.shape(), c.lambda(), 1.0, c.seed() ^ seed)
        : JswmNets.buildConv(data, c.conv(), c.lambda(), JswmMlpStudy.CONV_INIT_MIN, c.seed() ^ seed);
    double lr = Math.min(JswmNets.stableLr(model, c.lrFraction(), seed), 0.5 / c.lambda());
    List<Parameter> params = model.parameters();
    List<Parameter> weights = JswmNets.layerWeightParameters(model);
    int depth = model.depth();
    int l1 = c.l1();
    Sgd gd = Sgd.plain();
    BalancednessStep worst = null;
    double worstRel = -1;
    double straddleMinRel = Double.POSITIVE_INFINITY;
    double straddleMinDefect = Double.POSITIVE_INFINITY;
    BalancednessStep straddleWorst = null;
    boolean straddleScalarAtBest = false;
    int scalarSteps = 0;
    DMatrixRMaj d0 = null;
    int completed = 0;
    for (int t = 0; t < c.steps(); t++) {
      List<DMatrixRMaj> before = model.layerWeights();
      if (t == 0) {
        d0 = gap(before.get(depth - 2), before.get(depth - 1));
      }
      boolean scalar = l1 >= 1 && sigmaIsScalarOnData(model.activation(l1), model.preActivation(l1));
      double loss = model.lossAndGradient(null, 0, model.numSamples());
      if (!Double.isFinite(loss)) {
        break;
      }
      List<DMatrixRMaj> grads = new ArrayList<>();
      for (Parameter p : weights) {
        grads.add(p.gradMatrix());
      }
      gd.step(params, lr);
      List<DMatrixRMaj> after = model.layerWeights();
      if (!finite(after)) {
        break;
      }
      completed++;
      scalarSteps += scalar ? 1 : 0;
      // pair (j, j + 1), 0-based layers: linear iff layer j (1-based j + 1) has no activation, i.e. j >= l1;
      // without dense nonlinear layers (a trunk straight into the head) the last nonlinearity is in the trunk
      for (int j = Math.max(l1 - 1, 0); j + 1 < depth; j++) {
        BalancednessStep st = BalancednessStep.of(before.get(j), before.get(j + 1), grads.get(j), grads.get(j + 1),
            after.get(j), after.get(j + 1), lr, c.lambda());
        double rel = st.scale() == 0 ? 0 : st.residual() / st.scale();
        if (j >= l1) {
          if (rel > worstRel) {
            worstRel = rel;
            worst = st;
          }
        } else {
          if (rel < straddleMinRel) {
            straddleMinRel = rel;
            straddleWorst = st;
            straddleScalarAtBest = scalar;
          }
          straddleMinDefect = Math.min(straddleMinDefect, crossDefect(before.get(j), before.get(j + 1),
              grads.get(j), grads.get(j + 1)));
        }
      }
    }
    Map<String, Object> obs = new LinkedHashMap<>();
    // the key the campaign ledger groups by (BackboneBreakdown.OBSERVATION in reports)
    obs.put("backbone", c.backbone());
    obs.put("L1", l1);
    obs.put("L2", c.l2());
    obs.put("lr", lr);
    obs.put("eta_lambda", lr * c.lambda());
    obs.put("steps_completed", completed);
    List<ClaimResult> results = new ArrayList<>();
    Measurement judged = null;
    if (worst != null) {
      judged = worst.measurement(true);
      results.add(claim.evaluate(judged));
      obs.put("linear_max_rel_residual", worstRel);
    }
    if (straddleWorst != null) {
      ClaimResult straddle = claim.evaluate(straddleWorst.measurement(false));
      obs.put("straddle_verdict", straddle.verdict().name());
      obs.put("straddle_min_rel_residual", straddleMinRel);
      // judged as if it were a linear pair, at its best step, the identity must fail
      obs.put("straddle_identity_fails",
          claim.evaluate(straddleWorst.measurement(true)).verdict() == Verdict.VIOLATED);
      obs.put("straddle_min_cross_defect", straddleMinDefect);
      // sigma acting as one scalar on every pre-activation of layer L1 makes the pair linear on the data
      obs.put("straddle_sigma_scalar_at_best", straddleScalarAtBest);
      obs.put("straddle_sigma_scalar_steps", scalarSteps);
    }
    if (completed > 0) {
      List<DMatrixRMaj> last = model.layerWeights();
      double dT = NormOps_DDRM.normF(gap(last.get(depth - 2), last.get(depth - 1)));
      double ratio = dT / NormOps_DDRM.normF(d0);
      obs.put("head_imbalance_ratio", ratio);
      obs.put("decay_factor", Math.pow(1 - lr * c.lambda(), 2.0 * completed));
    }
    StudyOutcome out = StudyOutcome.of(results, obs);
    return judged == null ? out : out.withMeasurement(CLAIM_ID, judged);
  }

  /**
   * ||W_{l+1}^T G_{l+1} - G_l W_l^T|| / (||W_{l+1}^T G_{l+1}|| + ||G_l W_l^T||): the first-order term of the
   * step that cancels exactly for a linear pair (both equal the back-propagated error times Z_{l-1}^T
   * W_l^T) and is what breaks the identity across a nonlinearity; independent of eta.
   */
  static double crossDefect(DMatrixRMaj wl, DMatrixRMaj wNext, DMatrixRMaj gl, DMatrixRMaj gNext) {
    DMatrixRMaj a = new DMatrixRMaj(wNext.numCols, gNext.numCols);
    CommonOps_DDRM.multTransA(wNext, gNext, a);
    DMatrixRMaj b = new DMatrixRMaj(gl.numRows, wl.numRows);
    CommonOps_DDRM.multTransB(gl, wl, b);
    double size = NormOps_DDRM.normF(a) + NormOps_DDRM.normF(b);
    CommonOps_DDRM.subtractEquals(a, b);
    return size == 0 ? 0 : NormOps_DDRM.normF(a) / size;
  }

  /**
   * Whether sigma acts on the pre-activations P of a layer as one scalar times the identity: every entry on
   * the same linear piece (ReLU, leaky ReLU: all &gt; 0 or all &lt;= 0; the identity always; tanh never). Then
   * Z = a P and the back-propagated error is a times that of the next layer, so the pair across sigma
   * is linear on the training data and the first-order cancellation, hence the step identity, holds.
   * Any other pattern (a unit off while another is on, or a unit on some samples and off on others)
   * breaks the cancellation.
   */
  static boolean sigmaIsScalarOnData(Activation act, DMatrixRMaj pre) {
    switch (act) {
      case IDENTITY:
        return true;
      case RELU:
      case LEAKY_RELU:
        int positive = 0;
        for (int i = 0; i < pre.getNumElements(); i++) {
          positive += pre.data[i] > 0 ? 1 : 0;
        }
        return positive == 0 || positive == pre.getNumElements();
      default:
        return false;
    }
  }

  private static DMatrixRMaj gap(DMatrixRMaj wl, DMatrixRMaj wNext) {
    DMatrixRMaj a = new DMatrixRMaj(wNext.numCols, wNext.numCols);
    CommonOps_DDRM.multTransA(wNext, wNext, a);
    DMatrixRMaj b = new DMatrixRMaj(wl.numRows, wl.numRows);
    CommonOps_DDRM.multTransB(wl, wl, b);
    CommonOps_DDRM.subtractEquals(a, b);
    return a;
  }

  private static boolean finite(List<DMatrixRMaj> ws) {
    for (DMatrixRMaj w : ws) {
      for (int i = 0; i < w.getNumElements(); i++) {
        if (!Double.isFinite(w.get(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
