package ncverify.theory.geometry.seli;

import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.internal.ClassSizes;
import ncverify.theory.geometry.internal.GeometryMatrices;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The objects [SELI] states the geometry through (docs/theory.md section 2), for a collapsed solution of
 * the cross-entropy UFM with class logits M (K x K, column k = logits of every sample of class k, so
 * X = W H = M Y) at the balanced factorization (W^T W = H H^T, which every critical point with
 * lambda &gt; 0 has). With Z = M D^{1/2} (D = diag(n_k); ||M Y - M' Y||_F = ||(M - M') D^{1/2}||_F):
 * <ul>
 *   <li>classifier Gram G_W = W W^T = (Z Z^T)^{1/2};</li>
 *   <li>logits X = M Y, represented by Z (same Frobenius geometry);</li>
 *   <li>feature Gram G_H = H^T H = (X^T X)^{1/2} = Y^T G_M Y, represented by D^{1/2} G_M D^{1/2}
 *       = (Z^T Z)^{1/2} (||Y^T A Y||_F = ||D^{1/2} A D^{1/2}||_F);</li>
 *   <li>class-mean Gram G_M = D^{-1/2} (Z^T Z)^{1/2} D^{-1/2};</li>
 *   <li>the spectrum of G_W: the singular values of Z, descending.</li>
 * </ul>
 * With M = S = I - 11^T/K these are the SELI limits (Z = S D^{1/2}, X = Zhat) of
 * {@link ncverify.theory.geometry.SeliGeometry}. Derivation: docs/derivations/seli.md.
 */
public final class ClassLogitGeometry {

  private final int[] sizes;
  private final DMatrixRMaj z;
  private final DMatrixRMaj gramW;
  private final DMatrixRMaj featureGram;
  private final DMatrixRMaj classMeanGram;
  private final double[] spectrum;

  private ClassLogitGeometry(int[] sizes, DMatrixRMaj classLogits) {
    ClassSizes.validate(sizes);
    int k = sizes.length;
    if (classLogits.numRows != k || classLogits.numCols != k) {
      throw InvalidInputException.of("class logits must be %d x %d, got %d x %d", k, k, classLogits.numRows,
          classLogits.numCols);
    }
    this.sizes = sizes.clone();
    z = scaleColumns(classLogits, sizes, 0.5);
    DMatrixRMaj zzt = new DMatrixRMaj(k, k);
    CommonOps_DDRM.multTransB(z, z, zzt);
    gramW = GeometryMatrices.sqrtPsd(symmetric(zzt));
    DMatrixRMaj ztz = new DMatrixRMaj(k, k);
    CommonOps_DDRM.multTransA(z, z, ztz);
    featureGram = GeometryMatrices.sqrtPsd(symmetric(ztz));
    classMeanGram = featureGram.copy();
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        classMeanGram.set(r, c, classMeanGram.get(r, c) / Math.sqrt((double) sizes[r] * sizes[c]));
      }
    }
    spectrum = Svd.singularValues(z);
  }

  /** The geometry of class logits {@code m} (K x K) for class sizes n_0..n_{K-1}. */
  public static ClassLogitGeometry of(int[] classSizes, DMatrixRMaj classLogits) {
    return new ClassLogitGeometry(classSizes, classLogits);
  }

  /** The SELI limit: class logits S = I - 11^T/K, i.e. X = Zhat. */
  public static ClassLogitGeometry seli(int[] classSizes) {
    int k = classSizes.length;
    DMatrixRMaj s = CommonOps_DDRM.identity(k);
    CommonOps_DDRM.add(s, -1.0 / k);
    return new ClassLogitGeometry(classSizes, s);
  }

  /** Class sizes. */
  public int[] classSizes() {
    return sizes.clone();
  }

  /** Z = M D^{1/2}, the Frobenius representative of the logits X = M Y (K x K). */
  public DMatrixRMaj weightedLogits() {
    return z.copy();
  }

  /** G_W = (Z Z^T)^{1/2} (K x K, unnormalized). */
  public DMatrixRMaj gramW() {
    return gramW.copy();
  }

  /** (Z^T Z)^{1/2} = D^{1/2} G_M D^{1/2}, the Frobenius representative of G_H = Y^T G_M Y (K x K). */
  public DMatrixRMaj weightedFeatureGram() {
    return featureGram.copy();
  }

  /** G_M = D^{-1/2} (Z^T Z)^{1/2} D^{-1/2} (K x K, unnormalized). */
  public DMatrixRMaj classMeanGram() {
    return classMeanGram.copy();
  }

  /** Eigenvalues of G_W = singular values of Z, descending (K values). */
  public double[] spectrum() {
    return spectrum.clone();
  }

  /** A D^p: column c of {@code a} times n_c^p (Z = M D^{1/2} and back), as a new matrix. */
  static DMatrixRMaj scaleColumns(DMatrixRMaj a, int[] sizes, double power) {
    DMatrixRMaj out = a.copy();
    for (int c = 0; c < a.numCols; c++) {
      double f = Math.pow(sizes[c], power);
      for (int r = 0; r < a.numRows; r++) {
        out.set(r, c, out.get(r, c) * f);
      }
    }
    return out;
  }

  private static DMatrixRMaj symmetric(DMatrixRMaj a) {
    DMatrixRMaj out = a.copy();
    for (int i = 0; i < a.numRows; i++) {
      for (int j = i + 1; j < a.numCols; j++) {
        double m = 0.5 * (a.get(i, j) + a.get(j, i));
        out.set(i, j, m);
        out.set(j, i, m);
      }
    }
    return out;
  }
}
