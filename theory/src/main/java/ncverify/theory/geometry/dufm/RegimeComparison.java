package ncverify.theory.geometry.dufm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * DNC versus the low-rank construction on one L-DUFM instance [DUFM] (docs/theory.md section 4, claims
 * (1)-(3)). {@code dncOptimal} is false iff the construction's directly evaluated loss is below L_DNC
 * by more than {@link DeepUfmRegime#STRICT_MARGIN}; true means only that no construction of this
 * family beats DNC (other solutions, e.g. found by gradient descent, may), except for K = 2 where
 * DNC is the global optimum [DUFM2].
 *
 * @param parameters the instance
 * @param dnc the explicit DNC solution (its loss is L_DNC)
 * @param construction the best low-rank construction, empty when none exists (K < 6 or L < 2)
 * @param dncOptimal false iff the construction is strictly better
 */
public record RegimeComparison(DufmParameters parameters, DncSolution dnc,
    Optional<LowRankSolution> construction, boolean dncOptimal) {

  /** L_DNC. */
  public double dncLoss() {
    return dnc.loss();
  }

  /** The construction's loss, empty when there is no construction. */
  public OptionalDouble lowRankLoss() {
    return construction.map(c -> OptionalDouble.of(c.loss())).orElse(OptionalDouble.empty());
  }

  /** The construction's rank, empty when there is no construction. */
  public OptionalInt lowRankRank() {
    return construction.map(c -> OptionalInt.of(c.rank())).orElse(OptionalInt.empty());
  }

  /** The explicit matrices of the better solution: the construction if strictly better, else DNC. */
  public DeepUfmPoint bestPoint() {
    return dncOptimal ? dnc.point() : construction.orElseThrow().point();
  }

  /**
   * JSON keys dnc_loss, low_rank_loss, low_rank_rank, dnc_optimal (the two low-rank entries are null
   * when there is no construction).
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dnc_loss", dncLoss());
    m.put("low_rank_loss", construction.map(LowRankSolution::loss).orElse(null));
    m.put("low_rank_rank", construction.map(LowRankSolution::rank).orElse(null));
    m.put("dnc_optimal", dncOptimal);
    return m;
  }
}
