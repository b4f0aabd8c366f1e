package ncverify.theory.geometry.dufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import ncverify.theory.InvalidInputException;
import ncverify.theory.ReferenceValues;
import org.junit.jupiter.api.Test;

class DeepUfmRegimeTest {

  private static final DeepUfmRegime REGIME = DeepUfmRegime.defaults();
  /** Fractions of the DNC collapse lambda: far from it, midway, just before it. */
  private static final double[] COLLAPSE_FRACTIONS = {0.05, 0.6, 0.995};

  @Test
  void jsonOfTheReferenceCase() {
    RegimeComparison c = DeepUfmRegime.compare(10, 4, 1, 0.004);
    Map<String, Object> json = c.toJsonMap();
    assertThat(json).containsOnlyKeys("dnc_loss", "low_rank_loss", "low_rank_rank", "dnc_optimal");
    assertThat((Double) json.get("dnc_loss")).isCloseTo(ReferenceValues.DUFM_DNC_LOSS_K10_L4, offset(1e-8));
    assertThat((Double) json.get("low_rank_loss")).isCloseTo(ReferenceValues.DUFM_LOW_RANK_LOSS_K10_L4, offset(1e-8));
    assertThat(json.get("low_rank_rank")).isEqualTo(5);
    assertThat(json.get("dnc_optimal")).isEqualTo(false);
    DufmParameters p = DufmParameters.uniform(10, 4, 1, 0.004);
    assertThat(DeepUfmObjective.of(p).value(c.bestPoint()))
        .isCloseTo(c.lowRankLoss().getAsDouble(), offset(1e-15));
    assertThat(c.bestPoint().toNamedMatrices()).containsOnlyKeys("H1", "W1", "W2", "W3", "W4");
    assertThat(c.bestPoint().toNamedMatrices().get("H1").numRows).isEqualTo(10);
  }

  @Test
  void twoClassesDncIsOptimalWithoutConstruction() {
    for (int depth = 1; depth <= 5; depth++) {
      RegimeComparison c = DeepUfmRegime.compare(2, depth, 3, 0.01);
      assertThat(c.dncOptimal()).isTrue();
      assertThat(c.construction()).isEmpty();
      assertThat(c.toJsonMap()).containsEntry("low_rank_loss", null).containsEntry("low_rank_rank", null);
      assertThat(c.bestPoint().depth()).isEqualTo(depth);
    }
  }

  @Test
  void deepNetworksWithManyClassesBeatDncWheneverItIsNonTrivial() {
    int[][] cases = {{6, 4}, {7, 4}, {6, 5}, {10, 3}, {11, 3}};
    for (int[] kl : cases) {
      double collapse = DeepUfmRegime.dncCollapseLambda(kl[0], kl[1], 1);
      for (double f : COLLAPSE_FRACTIONS) {
        RegimeComparison c = REGIME.compare(DufmParameters.uniform(kl[0], kl[1], 1, f * collapse));
        assertThat(c.dncLoss()).isLessThan(0.5);
        assertThat(c.dncOptimal()).as("K=%d L=%d lambda=%s", kl[0], kl[1], f * collapse).isFalse();
        assertThat(c.lowRankRank().getAsInt()).isLessThan(kl[0]);
      }
    }
  }

  @Test
  void threeLayersFewClassesConstructionIsWorse() {
    for (int k : new int[] {6, 8}) {
      RegimeComparison c = DeepUfmRegime.compare(k, 3, 1, 0.004);
      assertThat(c.lowRankLoss().getAsDouble()).isGreaterThan(c.dncLoss());
      assertThat(c.dncOptimal()).isTrue();
    }
  }

  @Test
  void twoLayersNoConstructionBeatsDncAwayFromCollapse() {
    for (int k : new int[] {6, 10, 15}) {
      double collapse = DeepUfmRegime.dncCollapseLambda(k, 2, 1);
      for (double lambda : new double[] {0.004, 0.3 * collapse}) {
        RegimeComparison c = REGIME.compare(DufmParameters.uniform(k, 2, 1, lambda));
        assertThat(c.dncOptimal()).as("K=%d lambda=%s", k, lambda).isTrue();
        assertThat(c.lowRankLoss().getAsDouble()).isGreaterThan(c.dncLoss() - DeepUfmRegime.STRICT_MARGIN);
      }
    }
  }

  /**
   * Finding against docs/theory.md section 4 claim (3) ("L = 2: no construction of this family beats
   * DNC"): close to the DNC collapse, T(5) with two layers is strictly below L_DNC (K = 10,
   * lambda = 0.0377: 0.47112 vs 0.48079; reproduced by docs/derivations/dufm_reference.py). The
   * construction's loss is checked here with the independent per-sample evaluation.
   */
  @Test
  void twoLayersNearCollapseTheTriangularConstructionBeatsDnc() {
    DufmParameters p = DufmParameters.uniform(10, 2, 1, 0.0377);
    LowRankSolution t5 = LowRankConstruction.defaults().optimize(p, 5);
    double direct = DufmTestSupport.perSampleLoss(t5.point(), p.labels(), p.lambdas(), p.lambdaH());
    assertThat(direct).isCloseTo(t5.loss(), offset(1e-12));
    assertThat(DncLoss.of(p)).isLessThan(0.5);
    assertThat(direct).isLessThan(DncLoss.of(p) - 0.005);
  }

  @Test
  void lambdaWindowWhereOnlyTheConstructionSurvives() {
    LambdaWindow w = REGIME.collapseWindow(10, 4, 1, 2e-3).orElseThrow();
    assertThat(w.lower()).isCloseTo(2 * ReferenceValues.DUFM_C_STAR_L4 / 50, offset(1e-7));
    assertThat(w.lower()).isCloseTo(ReferenceValues.DUFM_WINDOW_K10_L4_LOWER, offset(1e-4));
    assertThat(w.upper()).isCloseTo(ReferenceValues.DUFM_WINDOW_K10_L4_UPPER, offset(1e-4));
    double inside = 0.5 * (w.lower() + w.upper());
    RegimeComparison c = DeepUfmRegime.compare(10, 4, 1, inside);
    assertThat(c.dncLoss()).isEqualTo(0.5);
    assertThat(c.lowRankLoss().getAsDouble()).isLessThan(0.5);
    assertThat(c.dncOptimal()).isFalse();
  }

  /**
   * The DNC collapse lambda is where C_DNC = C*(L) (docs/theory.md section 4): with a common lambda,
   * C_DNC = (K (L+1)/2) n^{1/(L+1)} lambda, checked through {@link DncLoss#constantC} with n > 1 (with
   * n = 1 the factor n^{1/(L+1)} is 1 and its exponent was never exercised), and L_DNC < 1/2 just
   * below it, = 1/2 just above it.
   */
  @Test
  void dncCollapseLambdaIsWhereTheDncConstantReachesItsCriticalValue() {
    int[][] cases = {{6, 3, 5}, {10, 4, 2}, {3, 2, 7}, {4, 1, 3}};
    for (int[] c : cases) {
      int k = c[0];
      int depth = c[1];
      int n = c[2];
      double lambda = DeepUfmRegime.dncCollapseLambda(k, depth, n);
      double constant = DncLoss.constantC(DufmParameters.uniform(k, depth, n, lambda));
      assertThat(constant).as("K=%d L=%d n=%d", k, depth, n)
          .isCloseTo(DncLoss.criticalC(depth), offset(1e-12));
      assertThat(DncLoss.of(DufmParameters.uniform(k, depth, n, 0.99 * lambda))).isLessThan(0.5);
      assertThat(DncLoss.of(DufmParameters.uniform(k, depth, n, 1.01 * lambda))).isEqualTo(0.5);
    }
    // K = 10, L = 4, n = 2 written out: 2 * 0.525916 / (10 * 5 * 2^{1/5}).
    assertThat(DeepUfmRegime.dncCollapseLambda(10, 4, 2))
        .isCloseTo(2 * ReferenceValues.DUFM_C_STAR_L4 / (50 * Math.pow(2, 0.2)), offset(1e-7));
  }

  /** With K = 2 there is no construction, so nothing survives the DNC collapse: no window. */
  @Test
  void noWindowWithoutConstruction() {
    assertThat(REGIME.collapseWindow(2, 3, 1, 1e-3)).isEmpty();
    assertThat(REGIME.collapseWindow(2, 4, 2, 1e-3)).isEmpty();
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> DeepUfmRegime.compare(10, 4, 1, 0.0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DeepUfmRegime.compare(10, 4, 1, -0.01)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DeepUfmRegime.compare(10, 0, 1, 0.01)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DeepUfmRegime.compare(1, 3, 1, 0.01)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DeepUfmRegime.compare(10, 3, 1, 0.01, 0.02)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DeepUfmRegime.dncCollapseLambda(10, 0, 1)).isInstanceOf(InvalidInputException.class);
  }
}
