package ncverify.reports.check;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Products;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward pass of a check through its linear layers, each product through {@link Products} (the
 * fast backend for large ones), so a check of N = 50,000 samples costs a few passes over the data.
 */
final class HeadProducts {

  private HeadProducts() {
  }

  /** Z_0 = zIn, Z_l = W_l Z_{l-1}: every layer's output, Z_0 first. */
  static List<DMatrixRMaj> forward(List<DMatrixRMaj> layers, DMatrixRMaj zIn) {
    List<DMatrixRMaj> z = new ArrayList<>();
    z.add(zIn);
    for (DMatrixRMaj w : layers) {
      DMatrixRMaj prev = z.get(z.size() - 1);
      if (w.numCols != prev.numRows) {
        throw InvalidInputException.of("layer %d is %dx%d but its input has %d rows", z.size(), w.numRows, w.numCols,
            prev.numRows);
      }
      z.add(Products.mult(w, prev));
    }
    return z;
  }
}
