package ncverify.theory.geometry.dufm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The low-rank construction of [DUFM] (docs/theory.md section 4) from the triangular graph T(r),
 * K_r = r(r-1)/2 classes (edges of K_r), B the r x K_r incidence matrix, A the Kneser K(r,2)
 * adjacency:
 * <pre>
 *   class means of H_1         M_1 = a_1 P + b_1 J/K_r        (P: centered incidence projector)
 *   class means of H_l, 2..L-1 M_l = [c_l B ; d_l 1^T]        (non-negative: ReLU inactive)
 *   last pre-activation        P_L = t (A - I),  after ReLU H_L = t A
 *   W_l = M_{l+1} M_l^+ (minimal-norm map; M_l^+ in closed form), W_L = Y H_L^T (H_L H_L^T + N lambda_L I)^{-1} (ridge).
 * </pre>
 * Every layer below the last post-activation has rank r ~ sqrt(2K). For K not of the form r(r-1)/2
 * (K >= 6) the T(r) block (r = 4, and r = 5 when K >= 10) sits block-diagonally next to the DNC
 * solution of the other K - K_r classes; the best candidate is returned. The 2L - 1 scales are
 * optimized in log variables by Nelder-Mead (commons-math3) from several seeded starts, the loss
 * evaluated directly on the explicit matrices of the equivalent one-sample-per-class instance
 * (lambda_H -> n lambda_H, exact for collapsed features); the reported loss is then evaluated
 * directly on the full N = K n explicit point. The result is an upper bound on the optimum.
 */
public final class LowRankConstruction {

  /** A solution counts as non-trivial when its loss is below 1/2 by more than this. */
  public static final double NON_TRIVIAL_MARGIN = 1e-9;

  private static final double LOG_BOUND = 40.0;

  private final int starts;
  private final long seed;
  private final int maxEvaluations;

  /**
   * @param starts number of random starts of the scale optimization (>= 1)
   * @param seed seed of the random starts
   * @param maxEvaluations objective evaluations per Nelder-Mead run
   */
  public LowRankConstruction(int starts, long seed, int maxEvaluations) {
    if (starts < 1 || maxEvaluations < 10) {
      throw InvalidInputException.of("need starts >= 1 and maxEvaluations >= 10, got %d and %d",
          starts, maxEvaluations);
    }
    this.starts = starts;
    this.seed = seed;
    this.maxEvaluations = maxEvaluations;
  }

  /** The default: 4 starts, seed 20240522, 3000 evaluations per Nelder-Mead run. */
  public static LowRankConstruction defaults() {
    return new LowRankConstruction(4, 20240522L, 3000);
  }

  /**
   * The best construction for the instance over the candidate blocks T(r) (K = r(r-1)/2),
   * T(4)+DNC(K-6), T(5)+DNC(K-10); empty when K < 6 or L < 2 (no construction of this family).
   */
  public Optional<LowRankSolution> best(DufmParameters p) {
    List<Integer> rs = candidateVertices(p);
    LowRankSolution best = null;
    for (int r : rs) {
      LowRankSolution s = optimize(p, r);
      if (best == null || s.loss() < best.loss()) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The r of the candidate T(r) blocks for the instance (empty if none). */
  public static List<Integer> candidateVertices(DufmParameters p) {
    List<Integer> rs = new ArrayList<>();
    int k = p.numClasses();
    if (p.depth() < 2) {
      return rs;
    }
    if (k >= 6) {
      rs.add(4);
    }
    if (k >= 10) {
      rs.add(5);
    }
    int exact = TriangularGraph.verticesFor(k);
    if (exact > 5) {
      rs.add(exact);
    }
    return rs;
  }

  /** The T(r) block (plus DNC on the other classes) with optimized scales. */
  public LowRankSolution optimize(DufmParameters p, int r) {
    TriangularGraph g = checkBlock(p, r);
    DufmParameters p1 = p.oneSamplePerClass();
    Builder builder = new Builder(g, p1);
    DeepUfmObjective objective1 = DeepUfmObjective.of(p1);
    int dim = 2 * p.depth() - 1;
    double[] bestX = null;
    double bestF = Double.POSITIVE_INFINITY;
    SplittableRandom rng = new SplittableRandom(seed);
    for (int s = 0; s < starts; s++) {
      double[] x0 = new double[dim];
      for (int i = 0; i < dim; i++) {
        x0[i] = s == 0 ? 0.0 : 2.0 * rng.nextDouble() - 1.0 + (rng.nextBoolean() ? 0.5 : -0.5);
      }
      Tracked run = new Tracked(builder, objective1);
      double[] x = x0;
      for (int restart = 0; restart < 3; restart++) {
        minimize(run, x);
        x = run.bestX.clone();
      }
      if (run.bestF < bestF) {
        bestF = run.bestF;
        bestX = run.bestX.clone();
      }
    }
    return solution(p, g, bestX);
  }

  /** The construction at the given log-scales, its loss evaluated directly on the full point. */
  public static LowRankSolution at(DufmParameters p, int r, double[] logScales) {
    TriangularGraph g = checkBlock(p, r);
    if (logScales.length != 2 * p.depth() - 1) {
      throw InvalidInputException.of("expected %d log-scales, got %d", 2 * p.depth() - 1,
          logScales.length);
    }
    return solution(p, g, logScales);
  }

  private static LowRankSolution solution(DufmParameters p, TriangularGraph g, double[] x) {
    DeepUfmPoint point = new Builder(g, p).build(x);
    double loss = DeepUfmObjective.of(p).value(point);
    double[] scales = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      scales[i] = Math.exp(clamp(x[i]));
    }
    return new LowRankSolution(p, g.vertices(), p.numClasses() - g.numClasses(), scales, loss,
        ClassMeanRanks.of(point, p.labels(), p.numClasses()), point);
  }

  private void minimize(Tracked run, double[] x0) {
    SimplexOptimizer opt = new SimplexOptimizer(1e-13, 1e-15);
    try {
      opt.optimize(new MaxEval(maxEvaluations), new ObjectiveFunction(run::value),
          GoalType.MINIMIZE, new InitialGuess(x0), new NelderMeadSimplex(x0.length, 0.5));
    } catch (TooManyEvaluationsException e) {
      // keep the best point seen so far
    }
  }

  private static TriangularGraph checkBlock(DufmParameters p, int r) {
    if (p.depth() < 2) {
      throw InvalidInputException.of("the T(r) construction needs depth L >= 2, got %d", p.depth());
    }
    TriangularGraph g = new TriangularGraph(r);
    if (g.numClasses() > p.numClasses()) {
      throw InvalidInputException.of("T(%d) has %d classes, more than K = %d", r, g.numClasses(),
          p.numClasses());
    }
    return g;
  }

  private static double clamp(double v) {
    return Math.max(-LOG_BOUND, Math.min(LOG_BOUND, v));
  }

  /** Records the best point seen by the optimizer. */
  private static final class Tracked {
    private final Builder builder;
    private final DeepUfmObjective objective;
    double bestF = Double.POSITIVE_INFINITY;
    double[] bestX;

    Tracked(Builder builder, DeepUfmObjective objective) {
      this.builder = builder;
      this.objective = objective;
    }

    double value(double[] x) {
      double f;
      try {
        f = objective.value(builder.build(x));
      } catch (InvalidInputException e) { // non-finite entries far out in log space
        f = Double.MAX_VALUE;
      }
      if (!Double.isFinite(f)) {
        f = Double.MAX_VALUE;
      }
      if (f < bestF || bestX == null) {
        bestF = Math.min(f, bestF);
        bestX = x.clone();
      }
      return f;
    }
  }

  /** Builds the explicit block-diagonal point from log-scales. */
  private static final class Builder {
    private final TriangularGraph graph;
    private final DufmParameters p;
    private final DMatrixRMaj projector;
    private final DMatrixRMaj incidence;
    private final DMatrixRMaj kneserMinusI;
    private final DncSolution dnc;
    private final int m;
    private final int[] labels;

    Builder(TriangularGraph graph, DufmParameters p) {
      this.graph = graph;
      this.p = p;
      this.projector = graph.centeredIncidenceProjector();
      this.incidence = graph.incidence();
      DMatrixRMaj a = graph.kneserAdjacency();
      for (int i = 0; i < a.numRows; i++) {
        a.add(i, i, -1.0);
      }
      this.kneserMinusI = a;
      this.dnc = DncSolution.of(p);
      this.m = p.numClasses() - graph.numClasses();
      this.labels = p.labels();
    }

    DeepUfmPoint build(double[] x) {
      int depth = p.depth();
      int kr = graph.numClasses();
      int r = graph.vertices();
      double[] e = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        e[i] = Math.exp(clamp(x[i]));
      }
      // class means of the T(r) block, layer by layer (the last is the pre-activation P_L)
      List<DMatrixRMaj> means = new ArrayList<>();
      DMatrixRMaj m1 = new DMatrixRMaj(kr, kr);
      for (int i = 0; i < kr * kr; i++) {
        m1.data[i] = e[0] * projector.data[i] + e[1] / kr;
      }
      means.add(m1);
      for (int l = 2; l < depth; l++) {
        DMatrixRMaj ml = new DMatrixRMaj(r + 1, kr);
        for (int v = 0; v < r; v++) {
          for (int k = 0; k < kr; k++) {
            ml.set(v, k, e[2 * l - 2] * incidence.get(v, k));
          }
        }
        for (int k = 0; k < kr; k++) {
          ml.set(r, k, e[2 * l - 1]);
        }
        means.add(ml);
      }
      DMatrixRMaj last = kneserMinusI.copy();
      CommonOps_DDRM.scale(e[x.length - 1], last);
      means.add(last);
      // block-diagonal assembly with the DNC block on the other m classes
      DMatrixRMaj fullM1 = DufmLinearAlgebra.blockDiag(m1, scaledIdentity(m, dnc.featureScale()));
      DMatrixRMaj h1 = DufmLinearAlgebra.expand(fullM1, labels);
      List<DMatrixRMaj> weights = new ArrayList<>();
      DMatrixRMaj h = h1;
      for (int l = 1; l < depth; l++) {
        DMatrixRMaj wBlock = new DMatrixRMaj(means.get(l).numRows, means.get(l - 1).numRows);
        DMatrixRMaj inverse = l == 1 ? firstLayerPinv(e[0], e[1])
            : incidenceLayerPinv(means.get(l - 1), e[2 * l - 2], e[2 * l - 1]);
        CommonOps_DDRM.mult(means.get(l), inverse, wBlock);
        DMatrixRMaj w = DufmLinearAlgebra.blockDiag(wBlock,
            scaledIdentity(m, dnc.weightScales()[l - 1]));
        weights.add(w);
        DMatrixRMaj pre = new DMatrixRMaj(w.numRows, h.numCols);
        CommonOps_DDRM.mult(w, h, pre);
        h = DeepUfmObjective.relu(pre);
      }
      weights.add(ridge(h, p.lambda(depth)));
      return new DeepUfmPoint(h1, weights);
    }

    /** (a P + b J/K_r)^+ = P/a + (J/K_r)/b: P and J/K_r are orthogonal projectors with P J = 0. */
    private DMatrixRMaj firstLayerPinv(double a, double b) {
      int kr = graph.numClasses();
      DMatrixRMaj out = new DMatrixRMaj(kr, kr);
      for (int i = 0; i < kr * kr; i++) {
        out.data[i] = projector.data[i] / a + 1.0 / (kr * b);
      }
      return out;
    }

    /**
     * M^+ for M = [c B ; d 1^T]: M^T has the one-dimensional null space spanned by
     * u = (1/c, .., 1/c, -2/d) (as B^T 1_r = 2 1_K), so with the unit vector v = u/|u| and any
     * sigma > 0, M^+ = M^T (M M^T)^+ = M^T (M M^T + sigma v v^T)^{-1} (sigma = mean eigenvalue).
     */
    private DMatrixRMaj incidenceLayerPinv(DMatrixRMaj m, double c, double d) {
      int r = graph.vertices();
      double[] v = new double[r + 1];
      double norm2 = 0;
      for (int i = 0; i <= r; i++) {
        v[i] = i < r ? 1.0 / c : -2.0 / d;
        norm2 += v[i] * v[i];
      }
      DMatrixRMaj gram = new DMatrixRMaj(r + 1, r + 1);
      CommonOps_DDRM.multTransB(m, m, gram);
      double sigma = CommonOps_DDRM.trace(gram) / (r + 1);
      for (int i = 0; i <= r; i++) {
        for (int j = 0; j <= r; j++) {
          gram.add(i, j, sigma * v[i] * v[j] / norm2);
        }
      }
      DMatrixRMaj x = new DMatrixRMaj(r + 1, m.numCols); // (M M^T + v v^T)^{-1} M, symmetric solve
      if (!CommonOps_DDRM.solve(gram, m, x)) {
        return DufmLinearAlgebra.pinv(m);
      }
      return CommonOps_DDRM.transpose(x, null);
    }

    /** argmin_W (1/(2N)) ||W H - Y||^2 + (lambda/2) ||W||^2 = Y H^T (H H^T + N lambda I)^{-1}. */
    private DMatrixRMaj ridge(DMatrixRMaj h, double lambda) {
      int n = h.numCols;
      DMatrixRMaj gram = new DMatrixRMaj(h.numRows, h.numRows);
      CommonOps_DDRM.multTransB(h, h, gram);
      for (int i = 0; i < h.numRows; i++) {
        gram.add(i, i, n * lambda);
      }
      DMatrixRMaj yht = new DMatrixRMaj(p.numClasses(), h.numRows);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < h.numRows; c++) {
          yht.add(labels[i], c, h.get(c, i));
        }
      }
      // W gram = Y H^T, gram symmetric positive definite: W^T = gram^{-1} (Y H^T)^T
      DMatrixRMaj wt = new DMatrixRMaj(h.numRows, p.numClasses());
      if (!CommonOps_DDRM.solve(gram, CommonOps_DDRM.transpose(yht, null), wt)) {
        throw new IllegalStateException("ridge system is singular");
      }
      return CommonOps_DDRM.transpose(wt, null);
    }

    private static DMatrixRMaj scaledIdentity(int size, double s) {
      DMatrixRMaj d = new DMatrixRMaj(size, size);
      for (int i = 0; i < size; i++) {
        d.set(i, i, s);
      }
      return d;
    }
  }
}
