package ncverify.theory.geometry;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The deep linear UFM objective of [DLN] (docs/theory.md section 3) restricted to class means, with its
 * analytic gradient. Writing H = Hbar Y + H_perp (H_perp Y^T = 0) the full objective splits as
 * <pre>
 *   F(W_1..W_M, H) = F_red(W_1..W_M, Hbar) + (1/(2N)) ||W H_perp||^2 + (lambda_H/2) ||H_perp||^2,
 *   F_red = (1/(2N)) sum_k n_k ||W hbar_k - e_k||^2 + (lambda_W/2) sum_m ||W_m||^2
 *           + (lambda_H/2) sum_k n_k ||hbar_k||^2,            W = W_M ... W_1,
 * </pre>
 * (the cross term tr(Y^T (W Hbar - I)^T W H_perp) = tr((W Hbar - I)^T W H_perp Y^T) vanishes). Every
 * geometric quantity of the optimum except within-class collapse depends only on (W_1..W_M, Hbar), so
 * their sensitivity to an inexact optimum is governed by F_red ({@link DeepLinearCurvature}).
 * Gradient: with E = (W Hbar - I) D / N (D = diag(n_k)),
 * dF_red/dHbar = W^T E + lambda_H Hbar D and dF_red/dW_m = A_m^T E Hbar^T B_m^T + lambda_W W_m,
 * A_m = W_M ... W_{m+1}, B_m = W_{m-1} ... W_1. Parameters are flattened as W_1..W_M then Hbar, each
 * row-major ({@link #flatten}).
 */
public final class DeepLinearReducedObjective {

  private final int[] sizes;
  private final int n;
  private final double lambdaW;
  private final double lambdaH;
  private final int[][] shapes;

  /**
   * @param shapes rows x cols of W_1..W_M followed by Hbar (d_1 x K)
   * @param sizes class sizes n_k >= 1
   * @param lambdaW ridge on every W_m
   * @param lambdaH ridge on H
   */
  public DeepLinearReducedObjective(int[][] shapes, int[] sizes, double lambdaW, double lambdaH) {
    if (sizes.length < 2 || shapes.length < 2) {
      throw InvalidInputException.of("reduced objective needs K >= 2 and M >= 1 (got K = %d, %d blocks)",
          sizes.length, shapes.length);
    }
    if (!(lambdaW > 0) || !(lambdaH > 0)) {
      throw InvalidInputException.of("lambda_W = %s and lambda_H = %s must be > 0", lambdaW, lambdaH);
    }
    int total = 0;
    for (int s : sizes) {
      if (s < 1) {
        throw InvalidInputException.of("class size %d must be >= 1", s);
      }
      total += s;
    }
    int k = sizes.length;
    int depth = shapes.length - 1;
    int[] hbar = shapes[depth];
    if (hbar[1] != k || shapes[0][1] != hbar[0] || shapes[depth - 1][0] != k) {
      throw InvalidInputException.of("shapes do not chain H (d x K) -> W_1 -> ... -> W_M (K x d)");
    }
    for (int m = 1; m < depth; m++) {
      if (shapes[m][1] != shapes[m - 1][0]) {
        throw InvalidInputException.of("W_%d has %d columns but W_%d has %d rows", m + 1, shapes[m][1], m,
            shapes[m - 1][0]);
      }
    }
    this.sizes = sizes.clone();
    this.n = total;
    this.lambdaW = lambdaW;
    this.lambdaH = lambdaH;
    this.shapes = new int[shapes.length][];
    for (int i = 0; i < shapes.length; i++) {
      this.shapes[i] = shapes[i].clone();
    }
  }

  /** The objective for the given weights W_1..W_M and class means Hbar (d x K). */
  public static DeepLinearReducedObjective of(List<DMatrixRMaj> weights, DMatrixRMaj hbar, int[] sizes,
      double lambdaW, double lambdaH) {
    int[][] shapes = new int[weights.size() + 1][];
    for (int m = 0; m < weights.size(); m++) {
      shapes[m] = new int[] {weights.get(m).numRows, weights.get(m).numCols};
    }
    shapes[weights.size()] = new int[] {hbar.numRows, hbar.numCols};
    return new DeepLinearReducedObjective(shapes, sizes, lambdaW, lambdaH);
  }

  /** Number of parameters (sum of the block sizes). */
  public int dimension() {
    int p = 0;
    for (int[] s : shapes) {
      p += s[0] * s[1];
    }
    return p;
  }

  /** Depth M. */
  public int depth() {
    return shapes.length - 1;
  }

  /** Flattens W_1..W_M and Hbar (row-major, in that order). */
  public static double[] flatten(List<DMatrixRMaj> weights, DMatrixRMaj hbar) {
    List<DMatrixRMaj> blocks = new ArrayList<>(weights);
    blocks.add(hbar);
    int p = 0;
    for (DMatrixRMaj b : blocks) {
      p += b.getNumElements();
    }
    double[] theta = new double[p];
    int off = 0;
    for (DMatrixRMaj b : blocks) {
      System.arraycopy(b.data, 0, theta, off, b.getNumElements());
      off += b.getNumElements();
    }
    return theta;
  }

  /** The blocks W_1..W_M, Hbar of a flat parameter vector. */
  public List<DMatrixRMaj> blocks(double[] theta) {
    if (theta.length != dimension()) {
      throw InvalidInputException.of("parameter vector has %d entries, expected %d", theta.length, dimension());
    }
    List<DMatrixRMaj> out = new ArrayList<>();
    int off = 0;
    for (int[] s : shapes) {
      DMatrixRMaj b = new DMatrixRMaj(s[0], s[1]);
      System.arraycopy(theta, off, b.data, 0, s[0] * s[1]);
      off += s[0] * s[1];
      out.add(b);
    }
    return out;
  }

  /** F_red at the flat parameters. */
  public double value(double[] theta) {
    List<DMatrixRMaj> b = blocks(theta);
    int depth = depth();
    DMatrixRMaj hbar = b.get(depth);
    DMatrixRMaj out = product(b, 0, depth, hbar); // W Hbar, K x K
    double fit = 0;
    double reg = 0;
    for (int k = 0; k < sizes.length; k++) {
      double col = 0;
      for (int r = 0; r < out.numRows; r++) {
        double e = out.get(r, k) - (r == k ? 1 : 0);
        col += e * e;
      }
      fit += sizes[k] * col;
      double h2 = 0;
      for (int r = 0; r < hbar.numRows; r++) {
        h2 += hbar.get(r, k) * hbar.get(r, k);
      }
      reg += lambdaH * sizes[k] * h2;
    }
    for (int m = 0; m < depth; m++) {
      reg += lambdaW * CommonOps_DDRM.elementSumAbs(square(b.get(m)));
    }
    return fit / (2.0 * n) + reg / 2;
  }

  /** The analytic gradient of F_red at the flat parameters (same layout). */
  public double[] gradient(double[] theta) {
    List<DMatrixRMaj> b = blocks(theta);
    int depth = depth();
    DMatrixRMaj hbar = b.get(depth);
    int k = sizes.length;
    DMatrixRMaj e = product(b, 0, depth, hbar);
    for (int c = 0; c < k; c++) {
      e.add(c, c, -1);
      for (int r = 0; r < k; r++) {
        e.set(r, c, e.get(r, c) * sizes[c] / n);
      }
    }
    List<DMatrixRMaj> grads = new ArrayList<>();
    for (int m = 0; m < depth; m++) {
      // A_m^T E Hbar^T B_m^T with A_m = W_M..W_{m+2} (0-based: blocks m+1..depth-1), B_m = W_m..W_1
      DMatrixRMaj a = productOrNull(b, m + 1, depth);
      DMatrixRMaj bHbar = product(b, 0, m, hbar); // B_m Hbar
      DMatrixRMaj left = e;
      if (a != null) {
        left = new DMatrixRMaj(a.numCols, e.numCols);
        CommonOps_DDRM.multTransA(a, e, left);
      }
      DMatrixRMaj g = new DMatrixRMaj(left.numRows, bHbar.numRows);
      CommonOps_DDRM.multTransB(left, bHbar, g);
      CommonOps_DDRM.addEquals(g, lambdaW, b.get(m));
      grads.add(g);
    }
    DMatrixRMaj w = productOrNull(b, 0, depth);
    DMatrixRMaj gh = new DMatrixRMaj(hbar.numRows, k);
    CommonOps_DDRM.multTransA(w, e, gh);
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < hbar.numRows; r++) {
        gh.add(r, c, lambdaH * sizes[c] * hbar.get(r, c));
      }
    }
    grads.add(gh);
    return flatten(grads.subList(0, depth), gh);
  }

  /** W_{to} ... W_{from+1} applied to x (blocks from..to-1, 0-based), or x itself when from == to. */
  private static DMatrixRMaj product(List<DMatrixRMaj> b, int from, int to, DMatrixRMaj x) {
    DMatrixRMaj p = x;
    for (int m = from; m < to; m++) {
      DMatrixRMaj next = new DMatrixRMaj(b.get(m).numRows, p.numCols);
      CommonOps_DDRM.mult(b.get(m), p, next);
      p = next;
    }
    return p;
  }

  /** The product of blocks from..to-1 (0-based, later blocks on the left), null when empty. */
  private static DMatrixRMaj productOrNull(List<DMatrixRMaj> b, int from, int to) {
    if (from >= to) {
      return null;
    }
    return product(b, from + 1, to, b.get(from));
  }

  private static DMatrixRMaj square(DMatrixRMaj m) {
    DMatrixRMaj s = m.copy();
    CommonOps_DDRM.elementMult(s, m);
    return s;
  }
}
