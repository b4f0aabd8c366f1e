package ncverify.properties.jswm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.GaussianMixture;
import ncverify.impl.data.ImageTemplates;
import ncverify.impl.model.Model;
import ncverify.impl.model.conv.ConvNet;
import ncverify.impl.train.DivergenceException;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.TrainResult;
import ncverify.impl.train.Trainer;
import ncverify.properties.engine.Gen;
import ncverify.properties.gen.ArchitectureGens;
import ncverify.properties.gen.ArchitectureGens.MlpShape;
import ncverify.properties.gen.ClassSizeGens;
import ncverify.properties.gen.ConvGens;
import ncverify.properties.gen.ConvGens.ConvShape;
import ncverify.properties.gen.HyperparameterGens;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Relation;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.jswm.JswmQuantities;
import ncverify.theory.claims.jswm.Nc1BoundClaim;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.metrics.Conditioning;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.Nc1TraceRatio;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * [JSWM] end to end (docs/theory.md section 5): generates a Gaussian mixture and an MLP with a nonlinear
 * backbone and a linear head of L2 &gt;= 2 layers (L2 = 1 as negative control), or, in half of the cases,
 * class-template images and a convolutional or residual backbone ({@link ConvGens}, section 5.1) with its
 * dense layers and head; the observation {@code backbone} names the family (mlp, cnn, resnet) so that
 * the ledger reports every claim per family. It trains the network by full-batch
 * GD W &lt;- (1 - eta lambda) W - eta G on (1/2)||Z_L - Y||^2 + (lambda/2) sum ||W_l||^2, measures
 * {@link JswmQuantities} on the trained head (plus the critical-point quantities from the training engine's
 * own gradients) and judges every [JSWM] claim that applies to a trained network (the per-step Thm 4.4
 * identity is judged by {@link JswmBalancednessDynamicsStudy}, the exact case of Thm 3.1 NC1 by
 * {@link JswmConstructedHeadsStudy}). Observations: NC1 (trace ratio of Z_{L-1}), NC1 / its
 * Thm 3.1 bound, kappa(A), kappa(W_L), eps1, eps2, eps2/r^2, width, L2, final loss, train error and
 * whether the net ended with zero train error and a balanced head (eps2 &lt;= {@link #BALANCED_REL} r^2),
 * the GD-side statement of Thm 4.4 reported as an observation, never as a claim, and the tightness of
 * every applicable conclusion. The target score is the largest measured/bound over the applicable
 * quantitative conclusions.
 */
public final class JswmMlpStudy implements Study<JswmMlpStudy.Case> {

  /** "Balanced after training" for the GD-side observation: eps2 &lt;= this x r^2 (ours). */
  public static final double BALANCED_REL = 1e-3;

  /** Smallest init scale generated (smaller inits of deep nets decay to the zero critical point). */
  static final double INIT_MIN = 0.5;
  /** Smallest weight decay generated. */
  static final double LAMBDA_MIN = 0.03;
  /** Largest weight decay generated. */
  static final double LAMBDA_MAX = 0.3;
  /** Learning-rate halvings tried when GD diverges (the sharpness grows during training). */
  static final int MAX_HALVINGS = 6;

  /** Separation of the Gaussian-mixture class centres (and of the class templates of image cases). */
  static final double SEPARATION = 1.0;
  /** Most stages of a generated convolutional backbone. */
  static final int CONV_STAGES = 2;
  /** Most channels of a generated convolution. */
  static final int CONV_CHANNELS = 4;
  /** Largest dense and head width of a generated convolutional network. */
  static final int CONV_WIDTH = 16;
  /**
   * Init scales of convolutional networks: they have more layers between the input and the logits than
   * the MLPs (up to 2 + 2 per residual block + dense + head), and below He scale their output starts so
   * small that weight decay pulls them to the zero critical point.
   */
  static final double CONV_INIT_MIN = 1.0;
  /** Largest init scale of a convolutional network. */
  static final double CONV_INIT_MAX = 1.5;

  /**
   * One generated case.
   *
   * @param sizes class sizes with their imbalance profile
   * @param shape the MLP
   * @param noise noise std of the Gaussian mixture
   * @param lambda weight decay
   * @param lrFraction learning rate as a fraction of 2 / sharpness at initialization
   * @param steps full-batch GD steps
   * @param seed data and init seed
   * @param conv the convolutional backbone and its image shape, or null for the MLP {@code shape} (which
   *     the network then does not use)
   */
  public record Case(ClassSizeGens.Spec sizes, MlpShape shape, double noise, double initScale, double lambda,
      double lrFraction, int steps, long seed, ConvShape conv) {

    /** A case with the MLP backbone {@code shape}. */
    public Case(ClassSizeGens.Spec sizes, MlpShape shape, double noise, double initScale, double lambda,
        double lrFraction, int steps, long seed) {
      this(sizes, shape, noise, initScale, lambda, lrFraction, steps, seed, null);
    }

    /** "mlp", "cnn" or "resnet". */
    public String backbone() {
      return conv == null ? "mlp" : conv.family();
    }

    /** L2, the number of linear head layers. */
    public int l2() {
      return conv == null ? shape.l2() : conv.l2();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Case[%s, %s, noise=%.3g, init=%.3g, lambda=%.3g, lr=%.3g x 2/sharpness, steps=%d, seed=%d]",
          sizes, conv == null ? shape : conv, noise, initScale, lambda, lrFraction, steps, seed);
    }
  }

  /**
   * Size settings.
   *
   * @param scale class sizes
   * @param maxK largest K
   * @param maxWidth largest width (power of two)
   * @param maxL1 largest backbone depth
   * @param steps GD steps per case
   * @param tries default number of tries
   */
  public record Settings(ClassSizeGens.Scale scale, int maxK, int maxWidth, int maxL1, int steps, int tries) {

    /** The default, fast settings (about a second per case). */
    public static Settings fast() {
      return new Settings(new ClassSizeGens.Scale(2, 8, 24), 5, 64, 2, 2500, 32);
    }

    /** Bigger networks and more tries for {@code -Pexhaustive}. */
    public static Settings exhaustive() {
      return new Settings(new ClassSizeGens.Scale(2, 12, 60), 8, 128, 3, 4000, 128);
    }

    /** {@link #exhaustive()} when the system property {@code ncverify.exhaustive} is true, else {@link #fast()}. */
    public static Settings fromSystem() {
      return Study.exhaustive() ? exhaustive() : fast();
    }
  }

  /**
   * Ids of the [JSWM] claims this study judges: every one that applies to a trained network (the per-step
   * Thm 4.4 identity is judged by {@link JswmBalancednessDynamicsStudy}, the exact case of Thm 3.1 NC1 by
   * {@link JswmExactHeadsStudy}: weight decay rules out exact interpolation).
   */
  static final List<String> CLAIM_IDS = List.of(
      "jswm.thm3.1.nc1", "jswm.thm3.1.nc2", "jswm.thm3.1.nc3", "jswm.critical.balancedness",
      "jswm.prop5.3.stability");

  private final Settings settings;
  private final List<Claim> claims;

  public JswmMlpStudy() {
    this(Settings.fromSystem());
  }

  public JswmMlpStudy(Settings settings) {
    this.settings = settings;
    this.claims = ClaimRegistry.standard().get(CLAIM_IDS);
  }

  @Override
  public String id() {
    return "jswm.mlp-head";
  }

  @Override
  public String description() {
    return "Gaussian mixture + MLP, or class-template images + CNN/ResNet (backbone, linear head of L2 >= 2 layers;"
        + " L2 = 1 as control), MSE + weight decay, full-batch GD; judges every [JSWM] claim on the trained network.";
  }

  @Override
  public List<String> claimIds() {
    return CLAIM_IDS;
  }

  /**
   * Coverage set per claim (measured applicability on the default run in brackets, 32 tries, MLP and
   * convolutional backbones together): NC1 bound 0.3 [0.56] (needs balanced classes and eps1 &lt; sqrt(n),
   * so classes are balanced in 80% of the tries); assembled NC2/NC3 0.2 [0.31] (eps1 &lt; sqrt(n_min) and
   * delta &lt; 1 need a fit and a head balanced to about 1e-2 r^2 within the step budget;
   * {@link JswmConstructedHeadsStudy} judges them on more cases); critical-point balancedness 0.5 [1.0]
   * (every L2 &gt;= 2 net that trained); stability 0.3 [0.97] (the trained net is linearly stable at its
   * learning rate). Per family (including the targeted tries): NC1 7/13 MLP, 9/14 CNN, 6/13 ResNet;
   * NC2/NC3 5/13, 4/14, 1/13; the ledger of the campaign reports the same per family.
   */
  @Override
  public Map<String, Double> minCoverage() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("jswm.thm3.1.nc1", 0.3);
    m.put("jswm.thm3.1.nc2", 0.2);
    m.put("jswm.thm3.1.nc3", 0.2);
    m.put("jswm.critical.balancedness", 0.5);
    m.put("jswm.prop5.3.stability", 0.3);
    return m;
  }

  @Override
  public int defaultTries() {
    return settings.tries();
  }

  /**
   * Cases: head depth L2 in 2..4 with L2 = 1 in one case out of ten (negative control; neither the
   * simplest choice nor an edge value, so shrinking and the edge phase do not lead there), K in 2..maxK, balanced classes in 80%, input dimension by
   * {@link ArchitectureGens#featureDims}, widths up to {@code maxWidth}, init scale 0.5..1, lambda
   * log-uniform in [0.03, 0.3] (the inputs have norm about 1, so this is the range where weight decay
   * balances the head within the step budget and the net still fits), learning rate 0.3..0.9 of the
   * stability limit at initialization; last, the backbone: the MLP or (one case in two) a CNN or ResNet of
   * {@link ConvGens#convNets} on 1..2 x 4..5 x 4..5 images with at most {@value #CONV_CHANNELS} channels,
   * {@value #CONV_STAGES} stages, one dense layer and widths up to {@value #CONV_WIDTH} (small enough for the
   * naive backend: about as fast as the MLPs). Shrinks toward the MLP.
   */
  @Override
  public Gen<Case> cases() {
    Gen<Integer> headDepths = Gen.integers(0, 9).map(i -> i == 5 ? 1 : 2 + i % 3);
    return s -> {
      int k = ClassSizeGens.classCounts(2, settings.maxK()).generate(s);
      ClassSizeGens.Spec sizes = ClassSizeGens.sizes(k, settings.scale(), 80).generate(s);
      MlpShape shape = ArchitectureGens.mlps(k, ArchitectureGens.featureDims(k, 24).map(f -> Math.max(1, f.d())),
          settings.maxL1(), 16, settings.maxWidth(), headDepths).generate(s);
      double noise = Gen.doubles(0.1, 1.0).generate(s);
      double initScale = Gen.logDoubles(INIT_MIN, 1.0).generate(s);
      double lambda = HyperparameterGens.lambdas(LAMBDA_MIN, LAMBDA_MAX).generate(s);
      double lrFraction = Gen.doubles(0.3, 0.9).generate(s);
      long seed = HyperparameterGens.seeds().generate(s);
      if (Gen.integers(0, 1).generate(s) == 0) {
        return new Case(sizes, shape, noise, initScale, lambda, lrFraction, settings.steps(), seed);
      }
      ConvShape conv = ConvGens.convNets(k, ConvGens.imageShapes(2, 4, 5), CONV_STAGES, CONV_CHANNELS, 1, CONV_WIDTH,
          headDepths).generate(s);
      double convInit = Gen.logDoubles(CONV_INIT_MIN, CONV_INIT_MAX).generate(s);
      return new Case(sizes, shape, noise, convInit, lambda, lrFraction, settings.steps(), seed, conv);
    };
  }

  @Override
  public StudyOutcome run(Case c, long seed) {
    Dataset data = c.conv() == null ? new GaussianMixture(c.shape().inputDim(), SEPARATION,
        c.noise() / Math.sqrt(c.shape().inputDim()), c.sizes().sizes(), c.seed()).generate()
        : new ImageTemplates(c.conv().input(), SEPARATION, c.noise() / Math.sqrt(c.conv().input().size()),
            c.sizes().sizes(), c.seed()).generate();
    int[] labels = data.labels();
    int k = data.k();
    Model model = null;
    TrainResult trained = null;
    double lr = 0;
    int halvings = 0;
    for (; halvings <= MAX_HALVINGS && trained == null; halvings++) {
      model = c.conv() == null ? JswmNets.build(data, c.shape(), c.lambda(), c.initScale(), c.seed() ^ seed)
          : JswmNets.buildConv(data, c.conv(), c.lambda(), c.initScale(), c.seed() ^ seed);
      if (lr == 0) {
        lr = JswmNets.stableLr(model, c.lrFraction(), seed);
      }
      lr = Math.min(lr, 0.5 / c.lambda());
      try {
        trained = new Trainer(TrainConfig.gd(lr, c.steps(), 0, seed)).train(model);
      } catch (DivergenceException e) {
        lr /= 2;
      }
    }
    Map<String, Object> obs = new LinkedHashMap<>();
    // the key the campaign ledger groups by (BackboneBreakdown.OBSERVATION in reports)
    obs.put("backbone", c.backbone());
    obs.put("K", k);
    obs.put("N", data.size());
    obs.put("profile", c.sizes().profile().name());
    obs.put("width", c.conv() == null ? c.shape().firstWidth() : ((ConvNet) model).kernels().get(0).rows());
    // the backbone's dense layers before the head in the Model view (all of an MLP's nonlinear layers)
    int l1 = c.conv() == null ? c.shape().l1() : c.conv().arch().denseWidths().length;
    obs.put("L1", c.conv() == null ? l1 : c.conv().arch().trunk().size() + l1);
    obs.put("L2", c.l2());
    obs.put("lr", lr);
    obs.put("lr_halvings", halvings - 1);
    if (trained == null) {
      obs.put("diverged", true);
      return StudyOutcome.of(notApplicable("GD converges (it diverged even after " + MAX_HALVINGS
          + " learning-rate halvings)"), obs);
    }
    obs.put("final_loss", trained.finalLoss());
    obs.put("train_error", trained.trainError());
    DMatrixRMaj penult = model.penultimateFeatures();
    DMatrixRMaj wL = model.weight(model.depth());
    if (NormOps_DDRM.normF(wL) == 0 || NormOps_DDRM.normF(penult) == 0) {
      obs.put("collapsed_to_zero", true);
      return StudyOutcome.of(notApplicable("the trained network is not identically zero"), obs);
    }
    try {
      obs.put("nc1", Nc1TraceRatio.of(new LabeledFeatures(penult, labels, k)));
    } catch (InvalidInputException e) {
      obs.put("nc1_undefined", e.getMessage());
    }
    obs.put("kappa_W_L", Conditioning.condPlus(wL));
    if (c.l2() < 2) {
      obs.put("kappa", Conditioning.condPlus(wL));
      return StudyOutcome.of(notApplicable("L2 >= 2 (negative control: L2 = 1)"), obs);
    }
    Measurement m;
    try {
      m = JswmQuantities.measure(JswmNets.head(model, l1), model.featuresEntering(l1 + 1), model.logits(), labels,
          k, c.lambda(), lr, 1.0);
    } catch (InvalidInputException e) {
      // e.g. a class whose every sample has dead ReLU features: its class mean of Z_{L-1} is 0 and
      // cos(mu_k, w_k) is undefined; no claim can be judged on these numbers
      obs.put("quantities_undefined", e.getMessage());
      return StudyOutcome.of(notApplicable("the [JSWM] quantities are defined (" + e.getMessage() + ")"), obs);
    }
    // the critical-point claim reads R from the training engine's own backprop and weight decay
    m = m.toBuilder().putAll(JswmQuantities.criticalPoint(JswmNets.head(model, l1),
        JswmNets.headFullGradients(model, l1), c.lambda())).build();
    List<ClaimResult> results = new ArrayList<>();
    double score = Double.NEGATIVE_INFINITY;
    for (Claim claim : claims) {
      ClaimResult r = claim.evaluate(m);
      results.add(r);
      if (r.verdict() != Verdict.NOT_APPLICABLE) {
        score = Math.max(score, ratio(r.conclusion().orElseThrow()));
        double t = r.conclusion().orElseThrow().tightness();
        if (!Double.isNaN(t)) {
          obs.put("tightness " + claim.id(), t);
        }
      }
    }
    double eps2 = m.get(JswmQuantities.EPS2);
    double r = m.get(JswmQuantities.R);
    obs.put("kappa", m.get(JswmQuantities.KAPPA_A));
    obs.put("eps1", m.get(JswmQuantities.EPS1));
    obs.put("eps2", eps2);
    obs.put("eps2_rel", eps2 / (r * r));
    obs.put("nc1tr_penult", m.get(JswmQuantities.NC1TR_PENULT));
    if (results.get(0).verdict() != Verdict.NOT_APPLICABLE) {
      obs.put("nc1_over_bound", m.get(JswmQuantities.NC1TR_PENULT) / Nc1BoundClaim.bound(m));
    }
    obs.put("low_error_and_balanced", trained.trainError() == 0.0 && eps2 <= BALANCED_REL * r * r);
    StudyOutcome out = StudyOutcome.of(results, obs).withMeasurement(claims, m);
    return Double.isFinite(score) ? out.withTarget(score) : out;
  }

  /**
   * measured/bound of an upper-bound conclusion (bound/measured of a lower bound), the largest over
   * the parts of a composite; close to 1 means close to a counterexample. Exact identities and
   * exact-case equalities ("... = 0 (<= tol)") and parts with a zero or non-finite bound are skipped:
   * their ratio measures roundoff, not the bound.
   */
  static double ratio(ConclusionCheck c) {
    if (c.description().contains("= 0 (")) {
      return Double.NEGATIVE_INFINITY;
    }
    if (!c.parts().isEmpty()) {
      double best = Double.NEGATIVE_INFINITY;
      for (ConclusionCheck p : c.parts()) {
        best = Math.max(best, ratio(p));
      }
      return best;
    }
    double b = c.bound();
    double v = c.measured();
    if (!(b > 0) || !Double.isFinite(b) || !Double.isFinite(v)) {
      return Double.NEGATIVE_INFINITY;
    }
    if (c.relation().isUpperBound()) {
      return v / b;
    }
    return v > 0 ? b / v : Double.NEGATIVE_INFINITY;
  }

  private List<ClaimResult> notApplicable(String why) {
    List<ClaimResult> out = new ArrayList<>();
    for (Claim claim : claims) {
      out.add(new ClaimResult(claim.id(), claim.paper(), claim.theorem(), Verdict.NOT_APPLICABLE,
          List.of(AssumptionCheck.of(why, 0, Relation.EQUAL, 1)), null));
    }
    return out;
  }
}
