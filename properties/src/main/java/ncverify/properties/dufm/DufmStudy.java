package ncverify.properties.dufm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.ChainModel;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.impl.model.DeepUfm;
import ncverify.impl.train.DivergenceException;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.TrainResult;
import ncverify.impl.train.Trainer;
import ncverify.impl.train.TrajectoryPoint;
import ncverify.properties.engine.Gen;
import ncverify.properties.gen.DufmGens;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.ufm.BinaryDncOptimalClaim;
import ncverify.theory.claims.ufm.DlnOptimumClaim;
import ncverify.theory.claims.ufm.Dnc1OptimumClaim;
import ncverify.theory.geometry.dufm.Dnc1Collapse;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import ncverify.theory.geometry.dufm.ClassMeanRanks;
import ncverify.theory.geometry.dufm.DeepUfmObjective;
import ncverify.theory.geometry.dufm.DeepUfmPoint;
import ncverify.theory.geometry.dufm.DncSolution;
import ncverify.theory.geometry.dufm.DufmParameters;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;

/**
 * The deep-UFM study [DUFM] (docs/theory.md section 4). Generates the model (ReLU in 4 of 5 tries, else
 * the deep linear UFM), K (2 in about two thirds of the ReLU tries, else 2..10), L (1..5), width, a common
 * lambda (log range from 1e-3 up past the DNC collapse) and n; trains the L-DUFM
 * F = (1/(2N))||W_L s(...s(W_1 H)) - Y||^2 + sum_l (lambda/2)||W_l||^2 + (lambda/2)||H_1||^2
 * (MSE, no biases, s = ReLU, or s = identity for the deep linear UFM) by full-batch GD from a random
 * init, and judges only what section 4 allows:
 * <ul>
 *   <li>{@code dufm.binary_dnc_optimal} (claim (1)): with ReLU and K = 2 the reached loss (theory
 *       objective) is never below L_DNC minus tolerance;</li>
 *   <li>{@code dln.optimum} (claim (4), deep linear: DNC optimal for every K, L; the [DLN] closed
 *       form equals L_DNC for balanced classes): the reached loss is never below the closed form;</li>
 *   <li>{@code dufm.dnc1_optimum} (claim (5)): the per-class collapse of the trained ReLU point never
 *       raises the objective.</li>
 * </ul>
 * The low-rank construction is not run here (claims (2), (3) and the lambda window are judged in
 * {@link DufmRegimeStudy}). Observations (for the campaign and the plot "DUFM loss of DNC vs low-rank vs
 * depth L with the GD result overlaid"): dnc_loss, trained_loss, trained_rank (max class-mean rank below
 * the last post-activation, singular values above 1e-3 x the largest), gd_rank_below_k, gd_below_dnc,
 * gd_at_dnc.
 */
public final class DufmStudy implements Study<DufmCase> {

  /** Study id. */
  public static final String ID = "dufm.gd-vs-dnc";
  /** GD learning rate of the paper (width 30, lambda 0.004). */
  public static final double PAPER_LR = 0.5;
  /** Default number of GD steps per training (short: the property suite). */
  public static final int DEFAULT_STEPS = 3000;
  /** Steps of the exhaustive / campaign runs. */
  public static final int EXHAUSTIVE_STEPS = 30000;
  /** Relative change of the objective over the last tenth of training below which GD has converged. */
  public static final double CONVERGED_REL_CHANGE = 1e-6;
  /** A trained loss within this relative distance of L_DNC (with full rank) counts as "GD at DNC". */
  public static final double AT_DNC_REL = 1e-3;
  /** Singular values above this fraction of the largest count for the rank (docs/theory.md section 4). */
  public static final double RANK_CUTOFF = 1e-3;
  /**
   * Initial entries N(0, INIT_VARIANCE_WIDTH / width): std 0.1 at the paper's width 30, larger for
   * the narrow networks of the short runs (which otherwise linger at the origin saddle).
   */
  public static final double INIT_VARIANCE_WIDTH = 0.3;
  /** Learning rates tried in turn when GD diverges. */
  private static final double[] LR_FALLBACK = {1.0, 0.5, 0.2, 0.05};

  private static final BinaryDncOptimalClaim BINARY = new BinaryDncOptimalClaim();
  private static final Dnc1OptimumClaim DNC1 = new Dnc1OptimumClaim();
  private static final DlnOptimumClaim DLN = new DlnOptimumClaim();

  private final int steps;
  private final double lr;
  private final boolean exhaustive;

  /**
   * @param steps GD steps per training
   * @param lr base learning rate (retried at 1/2, 1/5 and 1/20 of it if GD diverges)
   * @param exhaustive whether the case generator includes the paper-scale instance (K = 10, L = 4,
   *     width 30, lambda 0.004) and wider networks
   */
  public DufmStudy(int steps, double lr, boolean exhaustive) {
    if (steps < 10) {
      throw InvalidInputException.of("steps = %d, need >= 10", steps);
    }
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw InvalidInputException.of("learning rate %s must be finite and > 0", lr);
    }
    this.steps = steps;
    this.lr = lr;
    this.exhaustive = exhaustive;
  }

  /** Short runs, or the exhaustive setting when {@code -Dncverify.exhaustive=true}. */
  public static DufmStudy defaults() {
    boolean ex = Study.exhaustive();
    return new DufmStudy(ex ? EXHAUSTIVE_STEPS : DEFAULT_STEPS, PAPER_LR, ex);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Deep UFM (MSE, bias-free, ReLU or linear) trained by GD from random init on generated K, L,"
        + " width, lambda, n; reached loss vs L_DNC (K = 2) and the deep-linear closed form, the"
        + " triangular-graph construction vs DNC, and the class-mean rank GD ends at.";
  }

  @Override
  public List<String> claimIds() {
    return List.of(BINARY.id(), DLN.id(), DNC1.id());
  }

  /**
   * Expected from the generator: binary (ReLU and K = 2) ~54%, deep linear and converged ~13%, DNC1 (every
   * ReLU run) 80%; the property suite's 30 tries need a little over half of that ({@code dln.optimum} is
   * judged with more tries in {@code dln.deep-linear-ufm}).
   */
  @Override
  public Map<String, Double> minCoverage() {
    return Map.of(BINARY.id(), 0.3, DLN.id(), 0.05, DNC1.id(), 0.5);
  }

  /** Tries of the property suite: 30 short trainings (about a second each). */
  @Override
  public int defaultTries() {
    return 30;
  }

  @Override
  public Gen<DufmCase> cases() {
    Gen<DufmCase> random = s -> {
      boolean linear = Gen.integers(0, 4).generate(s) == 4;
      int k = (linear ? DufmGens.classCounts() : Gen.oneOf(Gen.constant(2), DufmGens.classCounts())).generate(s);
      int depth = DufmGens.depths().generate(s);
      int n = DufmGens.samplesPerClass().generate(s);
      int width = exhaustive
          ? Gen.integers(k, Math.max(3 * k, 60)).generate(s) : DufmGens.widths(k).generate(s);
      double lambda = DufmGens.lambdas(k, depth, n).generate(s);
      return new DufmCase(k, depth, width, lambda, n, linear);
    };
    if (exhaustive) {
      return random.withEdgeCases(paperCase());
    }
    return random;
  }

  /** The paper's instance: K = 10, L = 4, width 30, lambda 0.004, n = 1, ReLU. */
  public static DufmCase paperCase() {
    return new DufmCase(10, 4, 30, DufmGens.PAPER_LAMBDA, 1, false);
  }

  @Override
  public StudyOutcome run(DufmCase c, long seed) {
    long start = System.nanoTime();
    int k = c.numClasses();
    int depth = c.depth();
    if (c.width() < k) {
      throw InvalidInputException.of("width %d is below K = %d", c.width(), k);
    }
    DufmParameters p = DufmParameters.uniform(k, depth, c.samplesPerClass(), c.lambda());
    DncSolution dncSolution = DncSolution.of(p);
    double dnc = dncSolution.loss();

    Training t = train(c, p, seed);
    double reached = t.result.finalLoss();
    int[] ranks = t.ranks;
    int rank = Arrays.stream(ranks).max().orElse(0);
    boolean nonTrivial = reached < 0.5 - 1e-6;

    List<ClaimResult> results = new ArrayList<>();
    Map<String, Measurement> measured = new LinkedHashMap<>();
    double score = Double.NEGATIVE_INFINITY;
    Dnc1Collapse collapse = null;
    if (!c.linear()) {
      // the theory objective on the trained matrices (independent of impl's reported loss)
      Measurement m = Measurement.builder().put(BinaryDncOptimalClaim.K, k)
          .put(BinaryDncOptimalClaim.REACHED_LOSS, t.theoryLoss).put(BinaryDncOptimalClaim.DNC_LOSS, dnc).build();
      results.add(BINARY.evaluate(m));
      measured.put(BINARY.id(), m);
      if (k == 2) {
        score = Math.max(score, (dnc - t.theoryLoss) / Math.max(dnc, 1e-12));
      }
      collapse = Dnc1Collapse.of(DeepUfmObjective.of(p), t.point, p.labels(), k);
      Measurement m5 = Measurement.builder().put(Dnc1OptimumClaim.BEST_LOSS, t.theoryLoss)
          .put(Dnc1OptimumClaim.COLLAPSED_LOSS, collapse.loss())
          .put(Dnc1OptimumClaim.COLLAPSED_SCATTER, collapse.maxScatter()).build();
      results.add(DNC1.evaluate(m5));
      measured.put(DNC1.id(), m5);
    } else {
      results.add(DNC1.evaluate(Measurement.builder().put(Dnc1OptimumClaim.BEST_LOSS, Double.POSITIVE_INFINITY)
          .put(Dnc1OptimumClaim.COLLAPSED_LOSS, Double.POSITIVE_INFINITY)
          .put(Dnc1OptimumClaim.COLLAPSED_SCATTER, 0).build()));
    }
    double closedForm = Double.NaN;
    if (c.linear()) {
      int[] sizes = new int[k];
      Arrays.fill(sizes, c.samplesPerClass());
      closedForm = DeepLinearUfmOptimum.of(sizes, depth, c.lambda(), c.lambda()).optimalLoss();
      Measurement ml = Measurement.builder().put(DlnOptimumClaim.REACHED_LOSS, reached)
          .put(DlnOptimumClaim.CLOSED_FORM_LOSS, closedForm).flag(DlnOptimumClaim.CONVERGED, t.converged)
          .build();
      results.add(DLN.evaluate(ml));
      measured.put(DLN.id(), ml);
      score = Math.max(score, (closedForm - reached) / Math.max(closedForm, 1e-12));
    }

    Map<String, Object> obs = new LinkedHashMap<>();
    obs.put("K", k);
    obs.put("L", depth);
    obs.put("width", c.width());
    obs.put("lambda", c.lambda());
    obs.put("n", c.samplesPerClass());
    obs.put("model", c.linear() ? "deep-linear-ufm" : "deep-ufm");
    obs.put("dnc_loss", dnc);
    obs.put("dnc_collapsed", dncSolution.collapsed());
    if (c.linear()) {
      obs.put("dln_closed_form_loss", closedForm);
    }
    obs.put("trained_loss", reached);
    obs.put("trained_loss_theory", t.theoryLoss);
    obs.put("dnc1_collapsed_loss", collapse == null ? null : collapse.loss());
    obs.put("trained_rank", rank);
    obs.put("trained_layer_ranks", Arrays.toString(ranks));
    obs.put("train_error", t.result.trainError());
    obs.put("converged", t.converged);
    obs.put("lr", t.lr);
    obs.put("steps", steps);
    obs.put("gd_non_trivial", nonTrivial);
    obs.put("gd_rank_below_k", nonTrivial && rank < k);
    obs.put("gd_below_dnc", reached < dnc - 1e-9 - 1e-6 * dnc);
    obs.put("gd_at_dnc", nonTrivial && rank >= k && Math.abs(reached - dnc) <= AT_DNC_REL * dnc);
    obs.put("seconds", (System.nanoTime() - start) / 1e9);
    StudyOutcome out = StudyOutcome.of(results, obs);
    for (Map.Entry<String, Measurement> e : measured.entrySet()) {
      out = out.withMeasurement(e.getKey(), e.getValue());
    }
    return Double.isFinite(score) ? out.withTarget(score) : out;
  }

  /**
   * One GD training: the result, the learning rate used, convergence, class-mean ranks, the theory
   * objective of the trained matrices and the trained point (null for the linear model).
   */
  record Training(TrainResult result, double lr, boolean converged, int[] ranks, double theoryLoss,
      DeepUfmPoint point) {}

  /** Trains the case once from the seeded init (retrying smaller learning rates on divergence). */
  Training train(DufmCase c, DufmParameters p, long seed) {
    DivergenceException last = null;
    for (double factor : LR_FALLBACK) {
      double eta = lr * factor;
      ChainModel model = model(c, p.labels(), seed);
      try {
        TrainResult r = new Trainer(TrainConfig.gd(eta, steps, Math.max(1, steps / 10), seed)).train(model);
        return new Training(r, eta, converged(r.trajectory()), ranks(model, c, p.labels()),
            theoryLoss(model, c, p), c.linear() ? null : point(model));
      } catch (DivergenceException e) {
        last = e;
      }
    }
    throw new IllegalStateException("GD diverged on " + c + " at every learning rate", last);
  }

  private static ChainModel model(DufmCase c, int[] labels, long seed) {
    int[] hidden = new int[c.depth() - 1];
    Arrays.fill(hidden, c.width());
    if (c.linear()) {
      return DeepLinearUfm.builder(c.width(), c.depth(), labels, c.numClasses()).blas(new NaiveBlas())
          .hiddenWidths(hidden).loss(Loss.mse()).normalization(Normalization.MEAN).lambdaW(c.lambda())
          .lambdaH(c.lambda()).initStd(Math.sqrt(INIT_VARIANCE_WIDTH / c.width())).seed(seed).build();
    }
    return DeepUfm.builder(c.width(), c.depth(), labels, c.numClasses()).blas(new NaiveBlas())
        .hiddenWidths(hidden).loss(Loss.mse()).normalization(Normalization.MEAN).lambda(c.lambda())
        .initStd(Math.sqrt(INIT_VARIANCE_WIDTH / c.width())).seed(seed).build();
  }

  /** The last two recorded objectives (a tenth of training apart) differ by at most the threshold. */
  static boolean converged(List<TrajectoryPoint> traj) {
    if (traj.size() < 2) {
      return false;
    }
    double a = traj.get(traj.size() - 2).loss();
    double b = traj.get(traj.size() - 1).loss();
    return Math.abs(a - b) <= CONVERGED_REL_CHANGE * Math.max(Math.abs(b), 1e-12);
  }

  /**
   * Class-mean ranks of H_1, H_2..H_{L-1} and of the last pre-activation (docs/theory.md section 4). With
   * ReLU via {@link ClassMeanRanks} on the trained matrices; for the linear model from the model's
   * own features with the same definition.
   */
  private static int[] ranks(ChainModel m, DufmCase c, int[] labels) {
    int k = c.numClasses();
    if (!c.linear()) {
      return ClassMeanRanks.of(point(m), labels, k).layerRanks();
    }
    int depth = c.depth();
    int[] r = new int[depth];
    for (int l = 1; l <= depth; l++) {
      DMatrixRMaj f = (l == 1 || l < depth) ? m.featuresEntering(l) : m.preActivation(l - 1);
      r[l - 1] = numericalRank(classMeans(f, labels, k));
    }
    return r;
  }

  /** The objective of the trained matrices evaluated by the theory module (ReLU only, else NaN). */
  private static double theoryLoss(ChainModel m, DufmCase c, DufmParameters p) {
    return c.linear() ? Double.NaN : DeepUfmObjective.of(p).value(point(m));
  }

  private static DeepUfmPoint point(ChainModel m) {
    return new DeepUfmPoint(m.featuresEntering(1), m.layerWeights());
  }

  static DMatrixRMaj classMeans(DMatrixRMaj h, int[] labels, int k) {
    DMatrixRMaj means = new DMatrixRMaj(h.numRows, k);
    int[] count = new int[k];
    for (int y : labels) {
      count[y]++;
    }
    for (int i = 0; i < labels.length; i++) {
      for (int a = 0; a < h.numRows; a++) {
        means.add(a, labels[i], h.get(a, i) / count[labels[i]]);
      }
    }
    return means;
  }

  /** Number of singular values above {@link #RANK_CUTOFF} x the largest (0 for the zero matrix). */
  static int numericalRank(DMatrixRMaj a) {
    double[] sv = Svd.singularValues(a);
    double max = Arrays.stream(sv).max().orElse(0);
    if (!(max > 0)) {
      return 0;
    }
    int r = 0;
    for (double s : sv) {
      if (s > RANK_CUTOFF * max) {
        r++;
      }
    }
    return r;
  }
}
