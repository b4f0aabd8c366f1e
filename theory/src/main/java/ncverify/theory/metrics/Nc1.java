package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.PseudoInverse;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;

/**
 * NC1, within-class variability relative to between-class variability (docs/theory.md section 1, key
 * {@code nc1}; the NC1 of Papyan et al. used by [JSWM], [DUFM]):
 *
 * <pre>
 *   NC1 = tr(Sigma_W Sigma_B^+) / K,
 *   Sigma_W = (1/N) sum_i (h_i - mu_{y_i})(h_i - mu_{y_i})^T,   Sigma_B = (1/K) Mc Mc^T.
 * </pre>
 *
 * <p>Fast path, never forming a d x d matrix: with the thin SVD Mc = U S V^T and r = number of
 * singular values {@code s_j > 1e-10 s_max}, Sigma_B^+ = sum_{j<=r} (K/s_j^2) u_j u_j^T, so
 *
 * <pre>
 *   NC1 = (1/K) sum_{j<=r} ((1/N) ||u_j^T (H - Mbar Y)||^2) / (s_j^2/K)
 *       = sum_{j<=r} ||u_j^T (H - Mbar Y)||^2 / (N s_j^2).
 * </pre>
 *
 * The rows u_j^T / s_j are formed first, so the squares are of scale-free quantities (no overflow or
 * underflow at extreme feature scales).
 *
 * Cost O(N d r + d K^2) time: u_j^T (h_i - mu_{y_i}) is computed block by block over the samples, one
 * product of the fast backend per block ({@link MetricPasses}, pass 2), with O(d x block) extra memory. The cutoff is on the singular values of Mc (the pseudo-inverse
 * convention of docs/theory.md section 0 applied to Mc).
 */
public final class Nc1 {

  private Nc1() {}

  /** NC1 with the sample-weighted global mean. */
  public static double of(LabeledFeatures f) {
    return of(f, ClassMeans.of(f, GlobalMean.SAMPLE));
  }

  /**
   * NC1 of {@code f} with precomputed class means.
   *
   * @throws InvalidInputException if all class means coincide (Sigma_B = 0, NC1 undefined)
   */
  public static double of(LabeledFeatures f, ClassMeans means) {
    Basis basis = basis(means);
    FeatureBlocks src = FeatureBlocks.of(f.features());
    MetricPasses.Second s = MetricPasses.secondPass(src, f.labelsRef(), means.mbarRef(),
        new MetricPasses.Work(basis.rows(), basis.rank(), Double.NaN, null, null, false),
        MetricPasses.width(src, 0), PassListener.NONE, 1, 1);
    return s.nc1Sum() / f.numSamples();
  }

  /**
   * The rows u_j^T / s_j (r x d, row-major) of the thin SVD Mc = U S V^T over the r singular values
   * above the cutoff: NC1 = (1/N) sum_j ||(u_j^T / s_j)(H - Mbar Y)||^2.
   *
   * @param rows u_j^T / s_j, row j at {@code rows[j d ..]}
   * @param rank r
   */
  record Basis(double[] rows, int rank) {
  }

  /**
   * The NC1 directions of the class means.
   *
   * @throws InvalidInputException if all class means coincide (Sigma_B = 0, NC1 undefined), or if a kept
   *     singular value s_j is so small (subnormal class-mean spread) that 1/s_j overflows
   */
  static Basis basis(ClassMeans means) {
    DMatrixRMaj mc = means.mcRef();
    Svd svd = Svd.thin(mc);
    double[] s = svd.s();
    int r = PseudoInverse.rank(s);
    if (r == 0) {
      throw new InvalidInputException("all class means coincide (Sigma_B = 0): NC1 is undefined");
    }
    if (Double.isInfinite(1 / s[r - 1])) {
      throw InvalidInputException.of("NC1 cannot be computed in double precision: the class means differ by "
          + "only %.3g (subnormal); rescale the features", s[r - 1]);
    }
    DMatrixRMaj u = svd.u();
    int d = means.dim();
    // Rows u_j^T / s_j: the projections are then O(1) relative quantities whatever the scale of H,
    // so neither ||.||^2 nor s_j^2 can overflow or underflow (no NaN = 0/0 at tiny scales).
    double[] ut = new double[r * d];
    for (int a = 0; a < d; a++) {
      for (int j = 0; j < r; j++) {
        ut[j * d + a] = u.get(a, j) / s[j];
      }
    }
    return new Basis(ut, r);
  }
}
