package ncverify.theory.claims.ufm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;
import ncverify.theory.geometry.dufm.DeepUfmObjective;
import ncverify.theory.geometry.dufm.DeepUfmPoint;
import ncverify.theory.geometry.dufm.DncSolution;
import ncverify.theory.geometry.dufm.DufmNormalCurvature;
import ncverify.theory.geometry.dufm.DufmParameters;
import ncverify.theory.linalg.Norms;
import ncverify.theory.metrics.LabeledFeatures;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * [DUFM2] the deep-neural-collapse structure of the binary optimum (docs/theory.md section 4.8), one
 * claim per property, judged on a trained K = 2 L-DUFM (ReLU, MSE, no biases) certified by its gradient
 * norm g. With h, w_l and s the scales of the best DNC solution ({@link DncSolution}), q_l = h w_1 ...
 * w_{l-1} the norm of a class mean of layer l, H_l the features of layer l (H_1 free, H_l = ReLU(W_{l-1}
 * H_{l-1})), Hbar_l their class means and Hbar_{L+1} := s I (the output of the class means):
 * <ul>
 *   <li>{@link Part#DNC1} within-class collapse in every layer: max_l ||H_l - Hbar_l Y|| / prod_{j&lt;l}
 *       ||W_j||_op &lt;= max(g, ||R||)/lambda_H, R = dF_piece/dH_1 on the trained point's activation piece;
 *       exact at any point where each class's samples share one piece (the network is then linear per
 *       class: the [DLN] argument of section 3.7 step 1; deeper layers by the Lipschitz ReLU map);</li>
 *   <li>{@link Part#DNC2} class means an orthogonal frame of equal norms: Hbar_l^T Hbar_l = q_l^2 I for
 *       l = 2..L; in the first layer (L &gt;= 2) only the norms, ||hbar_{1,k}|| = q_1, because the binary
 *       optimum is a continuum there: the first-layer means can make any angle between 90 and 180
 *       degrees ({@link #orthogonalFirstLayer()} is the statement without this precision); for L = 1
 *       the full Gram;</li>
 *   <li>{@link Part#DNC3} weights aligned with the class means: W_l = Hbar_{l+1} Hbar_l^T / q_l^2 for
 *       l = 2..L (l = 1..L when L = 1), i.e. every row of W_l is zero or parallel to one class mean, with
 *       the closed-form scale, and W_L Hbar_L = s I.</li>
 * </ul>
 * DNC2 and DNC3 are evaluated on the class-mean network (Hbar_1 forwarded); their tolerance is
 * 2 Lip_Q g_red/mu with g_red = sqrt(n) g + prod_j ||W_j||_op c_W g^2/(N lambda_H^2), mu the normal
 * curvature of the class-mean objective on the trained point's activation piece
 * ({@link DufmNormalCurvature}) and Lip_Q an explicit Lipschitz constant of the compared quantity
 * (docs/theory.md section 4.8). Assumptions: K = 2, every class's samples in one activation piece,
 * and for DNC2/3: the reached loss (theory objective) within 1e-9 + 1e-6 L_DNC of L_DNC, DNC non-trivial
 * (L_DNC &lt;= 1/2 - {@link #NONTRIVIAL_MARGIN}), mu &gt; 0 and g_red/mu &lt;= {@link #FIRST_ORDER_MAX};
 * for DNC1: n &gt;= 2 and the run converged. The wrong version ({@link #strengthened}) multiplies the
 * closed form by the factor (for DNC1 the collapse target Hbar_l Y).
 */
public final class BinaryDncGeometryClaim extends AbstractClaim {

  /** Quantity: K. */
  public static final String K = "K";
  /** Quantity: depth L. */
  public static final String DEPTH = "L";
  /** Quantity: samples per class n. */
  public static final String N_PER_CLASS = "n";
  /** Quantity: lambda_H. */
  public static final String LAMBDA_H = "lambda_h";
  /** Quantity: ||grad F|| of the trained point from the trainer's backprop (weight decay included). */
  public static final String GRAD_NORM = "grad_norm";
  /** Quantity: normal curvature mu of the class-mean objective on the trained point's piece. */
  public static final String CURVATURE = "curvature";
  /** Quantity: ||grad F_red|| of the class-mean objective on that piece, by the theory gradient. */
  public static final String PIECE_GRAD_NORM = "piece_grad_norm";
  /** Quantity: ||dF_piece/dH_1|| of the full objective on the trained point's piece, by the theory gradient. */
  public static final String PIECE_GRAD_H = "piece_grad_h";
  /** Quantity: 1 when every class's samples share one activation pattern (thresholded as the piece). */
  public static final String ONE_PATTERN = "one_pattern_per_class";
  /** Quantity: theory objective of the trained point. */
  public static final String REACHED_LOSS = "reached_loss";
  /** Quantity: L_DNC. */
  public static final String DNC_LOSS = "dnc_loss";
  /** Quantity: s, the output scale of the best DNC solution. */
  public static final String OUTPUT_SCALE = "s";
  /** Quantity: 1 when the run converged (||grad F|| at most the trainer's tolerance). */
  public static final String CONVERGED = "converged";
  /** Matrix: free features H_1 (d_1 x N). */
  public static final String H1 = "H_1";
  /** Matrix: one-hot labels Y (K x N). */
  public static final String Y = "Y";
  /** Matrix: closed-form class-mean norms q_1..q_L (1 x L). */
  public static final String Q = "q";
  /** DNC2/3 need L_DNC at most 1/2 minus this (ours): the loss tolerance then separates DNC from a dead class. */
  public static final double NONTRIVIAL_MARGIN = 1e-3;
  /** Largest g_red/mu for which the first-order bound is used (as for [DLN], section 3.7). */
  public static final double FIRST_ORDER_MAX = 1e-4;
  /** Factor on the first-order bound covering the second-order remainder. */
  public static final double REMAINDER_FACTOR = 2.0;

  /** Matrix name of W_l (1-based). */
  public static String weightName(int l) {
    return "W_" + l;
  }

  /** The part of the structure a claim asserts. */
  public enum Part {
    DNC1("dufm.binary_dnc1", "within-class collapse in every layer, ||H_l - Hbar_l Y|| <= prod_{j<l}"
        + " ||W_j||_op max(||grad F||, ||dF_piece/dH_1||)/lambda_H"),
    DNC2("dufm.binary_dnc2", "class means of every layer l >= 2 an orthogonal frame of the closed-form norm"
        + " q_l (Hbar_l^T Hbar_l = q_l^2 I), first-layer means of norm q_1 at an angle in [90, 180] degrees"),
    DNC3("dufm.binary_dnc3", "weights aligned with the class means, W_l = Hbar_{l+1} Hbar_l^T / q_l^2"
        + " (every row zero or parallel to one class mean), W_L Hbar_L = s I");

    private final String id;
    private final String formula;

    Part(String id, String formula) {
      this.id = id;
      this.formula = formula;
    }

    /** The claim id. */
    public String id() {
      return id;
    }
  }

  private final Part part;
  private final double factor;
  private final boolean orthogonalFirstLayer;

  /** The claim for one part of the structure. */
  public BinaryDncGeometryClaim(Part part) {
    this(part, 1.0, false);
  }

  private BinaryDncGeometryClaim(Part part, double factor, boolean orthogonalFirstLayer) {
    super(part.id, Paper.DUFM2, "Thm (DNC optimal for K = 2: DNC1-3 at the optimum), Sec. 4.8 of docs/theory.md"
        + (factor == 1.0 ? "" : String.format(Locale.ROOT, " (closed form x %s: wrong factor)", factor))
        + (orthogonalFirstLayer ? " (first-layer means orthogonal: without the first-layer precision)" : ""),
        "At the global optimum of the binary deep UFM: " + part.formula
            + ", up to the tolerance implied by the run's certified gradient norm.",
        List.of(K, DEPTH, N_PER_CLASS, LAMBDA_H, GRAD_NORM, CURVATURE, PIECE_GRAD_NORM, PIECE_GRAD_H, ONE_PATTERN,
            REACHED_LOSS, DNC_LOSS, OUTPUT_SCALE, CONVERGED));
    this.part = part;
    this.factor = factor;
    this.orthogonalFirstLayer = orthogonalFirstLayer;
  }

  /** All parts, in registry order. */
  public static List<Claim> all() {
    List<Claim> out = new ArrayList<>();
    for (Part p : Part.values()) {
      out.add(new BinaryDncGeometryClaim(p));
    }
    return out;
  }

  /**
   * DNC2 as the DNC definition of section 4.1 reads, orthogonal class means in every layer including the
   * first: wrong at L &gt;= 2, where the binary optimum is a continuum of first-layer angles
   * (reports/FINDINGS.md, "dufm.binary-first-layer").
   */
  public static Claim orthogonalFirstLayer() {
    return new BinaryDncGeometryClaim(Part.DNC2, 1.0, true);
  }

  /** The part this claim asserts. */
  public Part part() {
    return part;
  }

  /** The closed form multiplied by {@code factor}: wrong whenever DNC is non-trivial. */
  @Override
  public Claim strengthened(double factor) {
    return new BinaryDncGeometryClaim(part, this.factor * factor, orthogonalFirstLayer);
  }

  /**
   * The measurement every part is judged on: the trained point (H_1 with one column per sample, labels of
   * {@code p}), its theory objective, the run's gradient norm and convergence, the closed form of
   * {@code dnc}, and mu at the class means ({@link DufmNormalCurvature}; NaN when there is no direction
   * normal to the orbit).
   */
  public static Measurement measurement(DufmParameters p, DeepUfmPoint trained, double gradNorm, boolean converged,
      DncSolution dnc) {
    int k = p.numClasses();
    int depth = p.depth();
    int[] labels = p.labels();
    DMatrixRMaj y = LabeledFeatures.oneHot(labels, k);
    DMatrixRMaj h1 = trained.h1();
    DeepUfmPoint means = new DeepUfmPoint(UfmMatrices.classMeans(h1, y), trained.weights());
    DeepUfmObjective reduced = DufmNormalCurvature.classMeanObjective(p);
    double mu;
    try {
      mu = DufmNormalCurvature.of(reduced, means);
    } catch (InvalidInputException e) {
      mu = Double.NaN;
    }
    double[] q = new double[depth];
    double scale = dnc.featureScale();
    for (int l = 1; l <= depth; l++) {
      q[l - 1] = scale;
      scale *= dnc.weightScales()[l - 1];
    }
    DeepUfmObjective samplePiece = DufmNormalCurvature.piece(DeepUfmObjective.of(p), trained);
    Measurement.Builder b = Measurement.builder().put(K, k).put(DEPTH, depth).put(N_PER_CLASS, p.samplesPerClass())
        .put(LAMBDA_H, p.lambdaH()).put(GRAD_NORM, gradNorm).put(CURVATURE, mu)
        .put(PIECE_GRAD_NORM, DufmNormalCurvature.pieceGradientNorm(reduced, means))
        .put(PIECE_GRAD_H, Norms.frobenius(samplePiece.gradient(trained).dH1()))
        .flag(ONE_PATTERN, onePatternPerClass(samplePiece.pattern().orElseThrow(), labels))
        .put(REACHED_LOSS, DeepUfmObjective.of(p).value(trained)).put(DNC_LOSS, dnc.loss())
        .put(OUTPUT_SCALE, dnc.outputScale()).flag(CONVERGED, converged)
        .matrix(H1, h1).matrix(Y, y).matrix(Q, new DMatrixRMaj(1, depth, true, q));
    for (int l = 1; l <= depth; l++) {
      b.matrix(weightName(l), trained.weight(l));
    }
    return b.build();
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    Structure st = new Structure(m);
    List<AssumptionCheck> out = new ArrayList<>();
    out.add(AssumptionCheck.of("K == 2", m.get(K), Relation.EQUAL, 2));
    out.add(AssumptionCheck.flag("every class's samples share one activation pattern", m.get(ONE_PATTERN) == 1.0));
    if (part == Part.DNC1) {
      out.add(AssumptionCheck.of("n >= 2 samples per class", m.get(N_PER_CLASS), Relation.AT_LEAST, 2));
      out.add(AssumptionCheck.flag("the run converged (certified ||grad F||)", m.get(CONVERGED) == 1.0));
      return out;
    }
    double dnc = m.get(DNC_LOSS);
    double mu = m.get(CURVATURE);
    double ratio = mu > 0 ? st.reducedGradient() / mu : Double.POSITIVE_INFINITY;
    out.add(AssumptionCheck.of("|reached_loss - L_DNC| <= 1e-9 + 1e-6 L_DNC (at the optimum)",
        Math.abs(m.get(REACHED_LOSS) - dnc), Relation.AT_MOST, UfmLossClaims.tolerance(dnc)));
    out.add(AssumptionCheck.of("L_DNC <= 1/2 - 1e-3 (DNC non-trivial, ours)", dnc, Relation.AT_MOST,
        0.5 - NONTRIVIAL_MARGIN));
    out.add(AssumptionCheck.of("normal curvature mu > 0", Double.isNaN(mu) ? 0 : mu, Relation.GREATER, 0));
    out.add(AssumptionCheck.of("first-order regime g_red/mu <= 1e-4 (ours)", ratio, Relation.AT_MOST,
        FIRST_ORDER_MAX));
    return out;
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    Structure st = new Structure(m);
    double residual;
    double bound;
    String what;
    double size;
    switch (part) {
      case DNC1 -> {
        residual = st.collapseResidual(factor);
        bound = Math.max(m.get(GRAD_NORM), m.get(PIECE_GRAD_H)) / m.get(LAMBDA_H);
        what = "max_l ||H_l - Hbar_l Y|| / prod_{j<l} ||W_j||_op <= max(||grad F||, ||R_H||)/lambda_H";
        size = Norms.frobenius(m.matrix(H1));
      }
      case DNC2 -> {
        residual = st.frameResidual(factor, orthogonalFirstLayer);
        bound = REMAINDER_FACTOR * st.frameLipschitz() * st.reducedGradient() / m.get(CURVATURE);
        what = "||Hbar_l^T Hbar_l - q_l^2 I|| (first layer: norms) <= 2 Lip g_red/mu";
        size = st.frameScale();
      }
      default -> {
        residual = st.alignmentResidual(factor);
        bound = REMAINDER_FACTOR * st.alignmentLipschitz() * st.reducedGradient() / m.get(CURVATURE);
        what = "||W_l - Hbar_{l+1} Hbar_l^T/q_l^2|| <= 2 Lip g_red/mu";
        size = st.alignmentScale();
      }
    }
    String label = factor == 1.0 ? what : what + String.format(Locale.ROOT, " (closed form x %s)", factor);
    return ConclusionCheck.of(label, residual, Relation.AT_MOST, bound,
        ConclusionCheck.roundoff(ROUNDOFF_REL, ROUNDOFF_ABS, size, 0));
  }

  /** Every class's samples have the same column in every mask of the pattern. */
  static boolean onePatternPerClass(List<DMatrixRMaj> pattern, int[] labels) {
    for (DMatrixRMaj mask : pattern) {
      for (int i = 0; i < labels.length; i++) {
        for (int j = 0; j < i; j++) {
          if (labels[i] != labels[j]) {
            continue;
          }
          for (int r = 0; r < mask.numRows; r++) {
            if (mask.get(r, i) != mask.get(r, j)) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  /** The trained matrices of one measurement, forwarded per sample and per class mean, with the constants. */
  private static final class Structure {
    private final List<DMatrixRMaj> ws = new ArrayList<>();
    private final DMatrixRMaj y;
    private final int[] labels;
    private final int depth;
    private final double[] q;
    private final double s;
    private final double gradNorm;
    private final double pieceGradNorm;
    private final double lambdaH;
    private final int n;
    private final int numSamples;
    /** Per-sample features H_1..H_L and pre-activations P_2..P_L. */
    private final DeepUfmObjective.Activations samples;
    /** Class-mean network: Hbar_1 forwarded (features 1..L, output). */
    private final DeepUfmObjective.Activations means;
    private final double[] op;

    Structure(Measurement m) {
      depth = m.getInt(DEPTH);
      int k = m.getInt(K);
      for (int l = 1; l <= depth; l++) {
        ws.add(m.matrix(weightName(l)));
      }
      y = m.matrix(Y);
      numSamples = y.numCols;
      labels = new int[numSamples];
      for (int i = 0; i < numSamples; i++) {
        for (int c = 0; c < k; c++) {
          if (y.get(c, i) > 0) {
            labels[i] = c;
          }
        }
      }
      q = m.matrix(Q).data.clone();
      s = m.get(OUTPUT_SCALE);
      gradNorm = m.get(GRAD_NORM);
      pieceGradNorm = m.get(PIECE_GRAD_NORM);
      lambdaH = m.get(LAMBDA_H);
      n = m.getInt(N_PER_CLASS);
      double[] lambdas = new double[depth];
      java.util.Arrays.fill(lambdas, 1.0); // the forward pass does not depend on the ridges
      DMatrixRMaj h1 = m.matrix(H1);
      samples = new DeepUfmObjective(labels, k, lambdas, 1.0).forward(new DeepUfmPoint(h1, ws));
      int[] meanLabels = new int[k];
      for (int c = 0; c < k; c++) {
        meanLabels[c] = c;
      }
      means = new DeepUfmObjective(meanLabels, k, lambdas, 1.0)
          .forward(new DeepUfmPoint(UfmMatrices.classMeans(h1, y), ws));
      op = new double[depth];
      for (int l = 0; l < depth; l++) {
        op[l] = Norms.op(ws.get(l));
      }
    }

    /** prod_{j < l} ||W_j||_op (1-based l; 1 for l = 1). */
    private double opProduct(int l) {
      double prod = 1;
      for (int j = 1; j < l; j++) {
        prod *= op[j - 1];
      }
      return prod;
    }

    /** max_l ||H_l - f Hbar_l Y|| / prod_{j<l} ||W_j||_op. */
    double collapseResidual(double f) {
      double worst = 0;
      for (int l = 1; l <= depth; l++) {
        DMatrixRMaj h = samples.features().get(l - 1);
        DMatrixRMaj target = new DMatrixRMaj(h.numRows, numSamples);
        CommonOps_DDRM.mult(UfmMatrices.classMeans(h, y), y, target);
        DMatrixRMaj diff = h.copy();
        CommonOps_DDRM.addEquals(diff, -f, target);
        worst = Math.max(worst, Norms.frobenius(diff) / opProduct(l));
      }
      return worst;
    }

    /** Class means of layer l (1-based) of the class-mean network. */
    private DMatrixRMaj meanFeatures(int l) {
      return means.features().get(l - 1);
    }

    /**
     * sqrt(sum_{l>=2} ||Hbar_l^T Hbar_l - f q_l^2 I||^2 + first layer), the first layer the diagonal only
     * (L >= 2, unless {@code orthogonal}) or the full Gram.
     */
    double frameResidual(double f, boolean orthogonal) {
      double sum = 0;
      for (int l = 1; l <= depth; l++) {
        DMatrixRMaj hb = meanFeatures(l);
        DMatrixRMaj g = new DMatrixRMaj(hb.numCols, hb.numCols);
        CommonOps_DDRM.multTransA(hb, hb, g);
        boolean diagonalOnly = l == 1 && depth >= 2 && !orthogonal;
        for (int a = 0; a < g.numRows; a++) {
          for (int b = 0; b < g.numCols; b++) {
            if (diagonalOnly && a != b) {
              continue;
            }
            double r = g.get(a, b) - (a == b ? f * q[l - 1] * q[l - 1] : 0);
            sum += r * r;
          }
        }
      }
      return Math.sqrt(sum);
    }

    /** sqrt(sum_l ||W_l - f Hbar_{l+1} Hbar_l^T / q_l^2||^2) over l = 2..L (1..L when L = 1), Hbar_{L+1} = s I. */
    double alignmentResidual(double f) {
      double sum = 0;
      for (int l = firstAligned(); l <= depth; l++) {
        DMatrixRMaj next = l == depth ? scaledIdentity(ws.get(depth - 1).numRows) : meanFeatures(l + 1);
        DMatrixRMaj target = new DMatrixRMaj(next.numRows, meanFeatures(l).numRows);
        CommonOps_DDRM.multTransB(next, meanFeatures(l), target);
        DMatrixRMaj diff = ws.get(l - 1).copy();
        CommonOps_DDRM.addEquals(diff, -f / (q[l - 1] * q[l - 1]), target);
        double r = Norms.frobenius(diff);
        sum += r * r;
      }
      return Math.sqrt(sum);
    }

    private int firstAligned() {
      return depth == 1 ? 1 : 2;
    }

    private DMatrixRMaj scaledIdentity(int k) {
      DMatrixRMaj i = CommonOps_DDRM.identity(k);
      CommonOps_DDRM.scale(s, i);
      return i;
    }

    /**
     * g_red = max(sqrt(n) g + prod_j ||W_j||_op c_W g^2 / (N lambda_H^2), ||grad F_piece||): the bound from
     * the trainer's certified g and the piece gradient at the class means (docs/theory.md section 4.8).
     */
    double reducedGradient() {
      double fromRun = Math.sqrt(n) * gradNorm + opProduct(depth + 1) * UfmMatrices.productLipschitz(op)
          * gradNorm * gradNorm / (numSamples * lambdaH * lambdaH);
      return Math.max(fromRun, pieceGradNorm);
    }

    /**
     * a_l: ||d Hbar_l|| &lt;= a_l ||d theta|| on the piece, a_l^2 = (prod_{j&lt;l} ||W_j||)^2 +
     * sum_{m&lt;l} (||Hbar_1||_op prod_{j&lt;l, j != m} ||W_j||)^2.
     */
    private double meanLipschitz(int l) {
      double h1op = Norms.op(meanFeatures(1));
      double sum = Math.pow(opProduct(l), 2);
      for (int mIdx = 1; mIdx < l; mIdx++) {
        double prod = h1op;
        for (int j = 1; j < l; j++) {
          prod *= j == mIdx ? 1 : op[j - 1];
        }
        sum += prod * prod;
      }
      return Math.sqrt(sum);
    }

    /** Lip of the DNC2 residual: sqrt(sum_l (2 ||Hbar_l||_op a_l)^2) (a_1 = 1). */
    double frameLipschitz() {
      double sum = 0;
      for (int l = 1; l <= depth; l++) {
        double lip = 2 * Norms.op(meanFeatures(l)) * meanLipschitz(l);
        sum += lip * lip;
      }
      return Math.sqrt(sum);
    }

    /** Lip of the DNC3 residual: sqrt(sum_l (1 + (a_{l+1} ||Hbar_l|| + ||Hbar_{l+1}|| a_l)/q_l^2)^2). */
    double alignmentLipschitz() {
      double sum = 0;
      for (int l = firstAligned(); l <= depth; l++) {
        double nextOp = l == depth ? s : Norms.op(meanFeatures(l + 1));
        double nextLip = l == depth ? 0 : meanLipschitz(l + 1);
        double lip = 1 + (nextLip * Norms.op(meanFeatures(l)) + nextOp * meanLipschitz(l)) / (q[l - 1] * q[l - 1]);
        sum += lip * lip;
      }
      return Math.sqrt(sum);
    }

    double frameScale() {
      double sum = 0;
      for (double v : q) {
        sum += v * v;
      }
      return sum;
    }

    double alignmentScale() {
      double sum = 0;
      for (DMatrixRMaj w : ws) {
        sum += Norms.frobenius(w);
      }
      return sum;
    }
  }
}
