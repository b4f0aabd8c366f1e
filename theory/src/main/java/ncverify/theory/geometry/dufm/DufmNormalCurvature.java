package ncverify.theory.geometry.dufm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.geometry.NormalCurvature;
import org.ejml.data.DMatrixRMaj;

/**
 * The curvature of the class-mean L-DUFM objective on the activation piece of a point, normal to the
 * piece's symmetry orbit (docs/theory.md section 4.8), which turns the certified gradient norm of a
 * trained binary solution into the tolerance of the [DUFM2] structure claims.
 *
 * <p>The class-mean objective is the objective of one sample per class with lambda_H replaced by
 * n lambda_H ({@link #classMeanObjective}); with each class's samples in one activation pattern the full
 * objective is this one at the class means plus terms in the within-class deviations only. On the piece
 * ({@link DeepUfmObjective#onPieceOf}) the network is linear per class, and the piece objective is
 * invariant under
 * <ul>
 *   <li>at every hidden interface l (units of layer l+1): rotations W_l -&gt; Q W_l, W_{l+1} -&gt;
 *       W_{l+1} Q^T within each group of units active for the same set of classes;</li>
 *   <li>at the free features (H_1 / W_1): when no unit of layer 2 is active for two classes (and L &gt;= 2),
 *       a separate rotation per class, hbar_{1,k} -&gt; Q_k hbar_{1,k} with the rows of W_1 active for
 *       class k; otherwise one rotation of H_1 and W_1 together.</li>
 * </ul>
 * The per-class rotations contain the continuum of binary optima whose first-layer class means have any
 * angle between 90 and 180 degrees. mu is the smallest Hessian eigenvalue of the piece objective on the
 * complement of these orbit tangents ({@link NormalCurvature}).
 */
public final class DufmNormalCurvature {

  /** Relative size below which a pre-activation counts as inactive on the {@link #piece} (ours). */
  public static final double ACTIVE_THRESHOLD = 1e-6;

  private DufmNormalCurvature() {
  }

  /** The class-mean objective: labels 0..K-1 (one column per class), every lambda_l, n lambda_H. */
  public static DeepUfmObjective classMeanObjective(DufmParameters p) {
    int k = p.numClasses();
    int[] labels = new int[k];
    for (int c = 0; c < k; c++) {
      labels[c] = c;
    }
    return new DeepUfmObjective(labels, k, p.lambdas(), p.samplesPerClass() * p.lambdaH());
  }

  /**
   * mu at the class-mean point {@code means} (H_1 with one column per class): the smallest eigenvalue of
   * the Hessian of {@code classMeanObjective} on the piece of {@code means}, normal to the orbit.
   */
  public static double of(DeepUfmObjective classMeanObjective, DeepUfmPoint means) {
    DeepUfmObjective piece = piece(classMeanObjective, means);
    double[] theta = flatten(means);
    int[][] shapes = shapes(means);
    return NormalCurvature.of(x -> flatten(piece.gradient(unflatten(x, shapes))), theta,
        tangents(means, piece.pattern().orElseThrow()));
  }

  /**
   * The piece of the point whose closure holds the optimum nearby: pre-activations at most
   * {@link #ACTIVE_THRESHOLD} x the largest of their layer count as inactive (at the binary optimum the
   * pre-activations of a class at the other class's units are exactly zero from layer 3 on, and GD leaves
   * them at +-1e-10 relative, on either side).
   */
  public static DeepUfmObjective piece(DeepUfmObjective classMeanObjective, DeepUfmPoint means) {
    return classMeanObjective.onPieceOf(means, ACTIVE_THRESHOLD);
  }

  /** ||grad F_piece|| at the class-mean point: the reduced gradient on the {@link #piece}. */
  public static double pieceGradientNorm(DeepUfmObjective classMeanObjective, DeepUfmPoint means) {
    return piece(classMeanObjective, means).gradient(means).norm();
  }

  /** Orbit tangents of the piece objective at the point (see the class comment). */
  static List<double[]> tangents(DeepUfmPoint means, List<DMatrixRMaj> pattern) {
    int depth = means.depth();
    int p = flatten(means).length;
    int[] offset = new int[depth + 1]; // offset[0]: H_1, offset[l]: W_l
    int off = means.h1View().getNumElements();
    for (int l = 1; l <= depth; l++) {
      offset[l] = off;
      off += means.weightView(l).getNumElements();
    }
    List<double[]> out = new ArrayList<>();
    DMatrixRMaj h1 = means.h1View();
    DMatrixRMaj w1 = means.weightView(1);
    int k = h1.numCols;
    boolean perClass = depth >= 2 && !sharedUnit(pattern.get(0));
    for (int a = 0; a < h1.numRows; a++) {
      for (int b = a + 1; b < h1.numRows; b++) {
        if (!perClass) {
          double[] v = new double[p];
          NormalCurvature.addLowerRotation(v, h1, offset[0], null, a, b);
          NormalCurvature.addUpperRotation(v, w1, offset[1], null, a, b);
          out.add(v);
          continue;
        }
        for (int c = 0; c < k; c++) {
          double[] v = new double[p];
          NormalCurvature.addLowerRotation(v, h1, offset[0], new int[] {c}, a, b);
          NormalCurvature.addUpperRotation(v, w1, offset[1], activeOnlyFor(pattern.get(0), c), a, b);
          out.add(v);
        }
      }
    }
    for (int l = 1; l < depth; l++) {
      for (int[] group : groups(pattern.get(l - 1))) {
        for (int i = 0; i < group.length; i++) {
          for (int j = i + 1; j < group.length; j++) {
            double[] v = new double[p];
            NormalCurvature.addLowerRotation(v, means.weightView(l), offset[l], null, group[i], group[j]);
            NormalCurvature.addUpperRotation(v, means.weightView(l + 1), offset[l + 1], null, group[i], group[j]);
            out.add(v);
          }
        }
      }
    }
    return out;
  }

  /** True when some unit (row of the mask) is active for two or more classes. */
  private static boolean sharedUnit(DMatrixRMaj mask) {
    for (int r = 0; r < mask.numRows; r++) {
      int active = 0;
      for (int c = 0; c < mask.numCols; c++) {
        active += mask.get(r, c) > 0 ? 1 : 0;
      }
      if (active >= 2) {
        return true;
      }
    }
    return false;
  }

  private static int[] activeOnlyFor(DMatrixRMaj mask, int c) {
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < mask.numRows; r++) {
      if (mask.get(r, c) > 0) {
        rows.add(r);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Units grouped by the set of classes they are active for (groups of at least two units). A unit that
   * carries (almost) nothing is not added to other groups: splitting a live unit into it is an orbit of
   * optima only when it is active for the same classes; a unit active for both classes lies on a
   * direction where the objective grows only at fourth order (it adds to the off-diagonal of the next
   * Gram at second order), which the curvature must see (docs/theory.md section 4.8).
   */
  private static List<int[]> groups(DMatrixRMaj mask) {
    Map<String, List<Integer>> byPattern = new LinkedHashMap<>();
    for (int r = 0; r < mask.numRows; r++) {
      StringBuilder key = new StringBuilder();
      for (int c = 0; c < mask.numCols; c++) {
        key.append(mask.get(r, c) > 0 ? '1' : '0');
      }
      byPattern.computeIfAbsent(key.toString(), x -> new ArrayList<>()).add(r);
    }
    List<int[]> out = new ArrayList<>();
    for (List<Integer> g : byPattern.values()) {
      if (g.size() >= 2) {
        out.add(g.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    return out;
  }

  /** H_1 then W_1..W_L, each row-major. */
  public static double[] flatten(DeepUfmPoint point) {
    return flatten(point.h1View(), point.depth(), point::weightView);
  }

  static double[] flatten(DeepUfmGradient g) {
    List<DMatrixRMaj> dw = g.dWeights();
    return flatten(g.dH1(), dw.size(), l -> dw.get(l - 1));
  }

  private static double[] flatten(DMatrixRMaj h1, int depth, java.util.function.IntFunction<DMatrixRMaj> w) {
    int total = h1.getNumElements();
    for (int l = 1; l <= depth; l++) {
      total += w.apply(l).getNumElements();
    }
    double[] out = new double[total];
    System.arraycopy(h1.data, 0, out, 0, h1.getNumElements());
    int off = h1.getNumElements();
    for (int l = 1; l <= depth; l++) {
      DMatrixRMaj m = w.apply(l);
      System.arraycopy(m.data, 0, out, off, m.getNumElements());
      off += m.getNumElements();
    }
    return out;
  }

  static int[][] shapes(DeepUfmPoint point) {
    int[][] s = new int[point.depth() + 1][];
    s[0] = new int[] {point.h1View().numRows, point.h1View().numCols};
    for (int l = 1; l <= point.depth(); l++) {
      s[l] = new int[] {point.weightView(l).numRows, point.weightView(l).numCols};
    }
    return s;
  }

  static DeepUfmPoint unflatten(double[] theta, int[][] shapes) {
    int off = 0;
    DMatrixRMaj h1 = new DMatrixRMaj(shapes[0][0], shapes[0][1]);
    System.arraycopy(theta, off, h1.data, 0, h1.getNumElements());
    off += h1.getNumElements();
    List<DMatrixRMaj> ws = new ArrayList<>();
    for (int l = 1; l < shapes.length; l++) {
      DMatrixRMaj w = new DMatrixRMaj(shapes[l][0], shapes[l][1]);
      System.arraycopy(theta, off, w.data, 0, w.getNumElements());
      off += w.getNumElements();
      ws.add(w);
    }
    return new DeepUfmPoint(h1, ws);
  }
}
