package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Finite;
import org.ejml.data.DMatrixRMaj;

/** Shape and finiteness checks of classifier inputs shared by the metrics of this package. */
final class Shapes {

  private Shapes() {}

  /** W must be a finite K x d matrix. */
  static void requireClassifier(DMatrixRMaj w, int k, int d) {
    if (w == null) {
      throw new InvalidInputException("classifier W is missing");
    }
    if (w.numRows != k || w.numCols != d) {
      throw InvalidInputException.of("W is %dx%d but must be K x d = %dx%d", w.numRows, w.numCols, k, d);
    }
    Finite.require(w, "W");
  }

  /** b, if present, must be a finite vector of length K. */
  static void requireBias(double[] b, int k) {
    if (b == null) {
      return;
    }
    if (b.length != k) {
      throw InvalidInputException.of("bias has length %d but must have length K = %d", b.length, k);
    }
    Finite.require(b, "bias");
  }
}
