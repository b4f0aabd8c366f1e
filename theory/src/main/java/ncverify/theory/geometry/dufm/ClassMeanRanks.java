package ncverify.theory.geometry.dufm;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Numerical ranks of the class-mean matrices along the forward pass of an L-DUFM point [DUFM]
 * (docs/theory.md section 4: singular values above 1e-3 x the largest). The ranks listed are those of the
 * class means of H_1, of the post-activations H_2..H_{L-1}, and of the last pre-activation
 * P_L = W_{L-1} H_{L-1}: every layer below the last post-activation H_L (which the ReLU may lift to
 * full rank K). {@link #max()} is the "rank" of a solution.
 *
 * @param layerRanks ranks of the class means of H_1, H_2..H_{L-1}, P_L (length L; length 1 when L = 1)
 */
public record ClassMeanRanks(int[] layerRanks) {

  public ClassMeanRanks {
    layerRanks = layerRanks.clone();
  }

  @Override
  public int[] layerRanks() {
    return layerRanks.clone();
  }

  /** The ranks of the given point's class means under the given objective's labels. */
  public static ClassMeanRanks of(DeepUfmPoint point, int[] labels, int numClasses) {
    double[] lambdas = new double[point.depth()];
    java.util.Arrays.fill(lambdas, 1.0);
    DeepUfmObjective.Activations a =
        new DeepUfmObjective(labels, numClasses, lambdas, 1.0).forward(point);
    List<DMatrixRMaj> post = a.features();
    List<DMatrixRMaj> pre = a.preActivations();
    int depth = point.depth();
    int[] r = new int[depth];
    for (int l = 1; l <= depth; l++) {
      DMatrixRMaj m = (l < depth || depth == 1) ? post.get(l - 1) : pre.get(l - 2);
      r[l - 1] = DufmLinearAlgebra.numericalRank(DufmLinearAlgebra.classMeans(m, labels, numClasses));
    }
    return new ClassMeanRanks(r);
  }

  /** The largest layer rank. */
  public int max() {
    int m = 0;
    for (int x : layerRanks) {
      m = Math.max(m, x);
    }
    return m;
  }
}
