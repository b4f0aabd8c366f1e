package ncverify.theory.geometry.dufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.NormalCurvature;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The activation piece of a point ({@link DeepUfmObjective#onPieceOf}) and the normal curvature of the
 * class-mean objective on it ({@link DufmNormalCurvature}; docs/theory.md section 4.8).
 */
class DufmNormalCurvatureTest {

  @Test
  void onItsOwnPieceTheObjectiveAndGradientEqualTheReluOnes() {
    Random rng = new Random(3);
    for (int depth = 1; depth <= 4; depth++) {
      int[] widths = new int[depth + 1];
      for (int l = 0; l < depth; l++) {
        widths[l] = 3 + rng.nextInt(3);
      }
      widths[depth] = 3;
      int[] labels = {0, 1, 2, 0, 1, 2, 0};
      double[] lambdas = new double[depth];
      java.util.Arrays.fill(lambdas, 0.01);
      DeepUfmObjective relu = new DeepUfmObjective(labels, 3, lambdas, 0.02);
      DeepUfmPoint p = DufmTestSupport.randomPoint(widths, labels.length, rng);
      DeepUfmObjective piece = relu.onPieceOf(p);
      assertThat(piece.value(p)).isCloseTo(relu.value(p), offset(1e-15));
      assertThat(piece.gradient(p).norm()).isCloseTo(relu.gradient(p).norm(), offset(1e-15));
      assertThat(piece.pattern()).isPresent();
      assertThat(relu.pattern()).isEmpty();
      // off the point the piece is the polynomial extension: it differs from the ReLU objective once a
      // pre-activation changes sign, and the pattern is kept
      DeepUfmPoint far = DufmTestSupport.perturb(p, 1.0, rng);
      assertThat(piece.onPieceOf(far).pattern().orElseThrow()).hasSize(depth - 1);
    }
    assertThatThrownBy(() -> new DeepUfmObjective(new int[] {0, 1}, 2, new double[] {0.1, 0.1}, 0.1)
        .onPieceOf(DncSolution.of(DufmParameters.uniform(2, 2, 1, 0.01)).point(), -1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("threshold");
  }

  @Test
  void theHessianVanishesAlongTheOrbitTangentsAndIsPositiveNormalToThem() {
    for (int depth = 1; depth <= 4; depth++) {
      DufmParameters p = DufmParameters.uniform(2, depth, 2, 0.2 * DeepUfmRegime.dncCollapseLambda(2, depth, 2));
      DeepUfmPoint point = DncSolution.of(p, 4).point();
      DeepUfmObjective reduced = DufmNormalCurvature.classMeanObjective(p);
      DMatrixRMaj means = new DMatrixRMaj(4, 2);
      for (int c = 0; c < 2; c++) {
        for (int r = 0; r < 4; r++) {
          means.set(r, c, point.h1View().get(r, 2 * c));
        }
      }
      DeepUfmPoint meanPoint = new DeepUfmPoint(means, point.weights());
      DeepUfmObjective piece = DufmNormalCurvature.piece(reduced, meanPoint);
      double[] theta = DufmNormalCurvature.flatten(meanPoint);
      int[][] shapes = DufmNormalCurvature.shapes(meanPoint);
      DMatrixRMaj hess = NormalCurvature.hessian(x -> DufmNormalCurvature.flatten(piece.gradient(
          DufmNormalCurvature.unflatten(x, shapes))), theta);
      List<double[]> tangents = DufmNormalCurvature.tangents(meanPoint, piece.pattern().orElseThrow());
      assertThat(tangents).isNotEmpty();
      for (double[] t : tangents) {
        double tn = 0;
        double ht = 0;
        for (int i = 0; i < t.length; i++) {
          tn += t[i] * t[i];
          double row = 0;
          for (int j = 0; j < t.length; j++) {
            row += hess.get(i, j) * t[j];
          }
          ht += row * row;
        }
        assertThat(Math.sqrt(ht)).as("|Hess t| at L = %d", depth).isLessThan(1e-6 * Math.max(Math.sqrt(tn), 1e-300));
      }
      assertThat(DufmNormalCurvature.of(reduced, meanPoint)).as("mu at L = %d", depth).isPositive();
      assertThat(DufmNormalCurvature.pieceGradientNorm(reduced, meanPoint)).isLessThan(1e-12);
    }
  }
}
