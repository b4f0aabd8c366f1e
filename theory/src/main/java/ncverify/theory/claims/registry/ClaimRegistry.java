package ncverify.theory.claims.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.jswm.BalancednessStepClaim;
import ncverify.theory.claims.jswm.CriticalBalancednessClaim;
import ncverify.theory.claims.jswm.Nc1BoundClaim;
import ncverify.theory.claims.jswm.Nc1ExactClaim;
import ncverify.theory.claims.jswm.Nc2AssembledClaim;
import ncverify.theory.claims.jswm.Nc3AssembledClaim;
import ncverify.theory.claims.jswm.StabilityConditioningClaim;
import ncverify.theory.claims.ufm.BinaryDncOptimalClaim;
import ncverify.theory.claims.ufm.BinaryDncGeometryClaim;
import ncverify.theory.claims.ufm.DlnGeometryClaim;
import ncverify.theory.claims.ufm.DlnMinorityCollapseClaim;
import ncverify.theory.claims.ufm.DlnOptimumClaim;
import ncverify.theory.claims.ufm.DncNotOptimalClaim;
import ncverify.theory.claims.ufm.Dnc1OptimumClaim;
import ncverify.theory.claims.ufm.L2DncUnbeatenClaim;
import ncverify.theory.claims.ufm.LambdaWindowClaim;
import ncverify.theory.claims.ufm.SeliBalancedEtfClaim;
import ncverify.theory.claims.ufm.SeliClassMeanGramClaim;
import ncverify.theory.claims.ufm.SeliConvergenceClaim;
import ncverify.theory.claims.ufm.SeliFeatureGramClaim;
import ncverify.theory.claims.ufm.SeliLogitsClaim;
import ncverify.theory.claims.ufm.SeliStepSpectrumClaim;

/**
 * Every claim ncverify encodes ([JSWM], [SELI], [DLN], [DUFM], [DUFM2]; docs/theory.md sections 2-5), in a
 * fixed order, with lookup by id. An unknown id throws {@link InvalidInputException} listing the known ids.
 */
public final class ClaimRegistry {

  private final Map<String, Claim> byId;

  private ClaimRegistry(List<Claim> claims) {
    Map<String, Claim> m = new LinkedHashMap<>();
    for (Claim c : claims) {
      if (m.put(c.id(), c) != null) {
        throw new IllegalStateException("duplicate claim id " + c.id());
      }
    }
    this.byId = java.util.Collections.unmodifiableMap(m);
  }

  /** The registry with every claim at its default thresholds. */
  public static ClaimRegistry standard() {
    List<Claim> claims = new java.util.ArrayList<>(List.of(
        new Nc1BoundClaim(),
        new Nc1ExactClaim(),
        new Nc2AssembledClaim(),
        new Nc3AssembledClaim(),
        new BalancednessStepClaim(),
        new CriticalBalancednessClaim(),
        new StabilityConditioningClaim(),
        new SeliConvergenceClaim(),
        new SeliBalancedEtfClaim(),
        new SeliLogitsClaim(),
        new SeliFeatureGramClaim(),
        new SeliClassMeanGramClaim(),
        new SeliStepSpectrumClaim(),
        new DlnOptimumClaim(),
        new DlnMinorityCollapseClaim()));
    claims.addAll(DlnGeometryClaim.all());
    claims.add(new BinaryDncOptimalClaim());
    claims.addAll(BinaryDncGeometryClaim.all());
    claims.addAll(List.of(
        new DncNotOptimalClaim(),
        new L2DncUnbeatenClaim(),
        new LambdaWindowClaim(),
        new Dnc1OptimumClaim()));
    return new ClaimRegistry(claims);
  }

  /** All claims in registry order. */
  public List<Claim> all() {
    return List.copyOf(byId.values());
  }

  /** The claim with this id; throws {@link InvalidInputException} listing the known ids when unknown. */
  public Claim get(String id) {
    Claim c = byId.get(id);
    if (c == null) {
      throw InvalidInputException.of("unknown claim id '%s'; known ids: %s", id, String.join(", ", byId.keySet()));
    }
    return c;
  }

  /** The claims with these ids, in the order given; throws as {@link #get(String)} on an unknown id. */
  public List<Claim> get(List<String> ids) {
    return ids.stream().map(this::get).toList();
  }

  /** The ids in registry order. */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }
}
