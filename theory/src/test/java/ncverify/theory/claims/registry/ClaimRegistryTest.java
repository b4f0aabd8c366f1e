package ncverify.theory.claims.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimKind;
import ncverify.theory.claims.Paper;
import org.junit.jupiter.api.Test;

class ClaimRegistryTest {

  private final ClaimRegistry registry = ClaimRegistry.standard();

  @Test
  void listsEveryRequiredClaimWithCitation() {
    assertThat(registry.ids()).contains("jswm.thm3.1.nc1", "jswm.thm3.1.nc1.exact", "jswm.thm3.1.nc2",
        "jswm.thm3.1.nc3", "jswm.thm4.4.balancedness_step", "jswm.critical.balancedness",
        "jswm.prop5.3.stability", "seli.convergence", "seli.balanced_etf", "dln.optimum",
        "dln.minority_collapse", "dln.gram_closed_form",
        "dufm.binary_dnc_optimal", "dufm.dnc_not_optimal");
    Set<Paper> papers = new HashSet<>();
    for (Claim c : registry.all()) {
      papers.add(c.paper());
      assertThat(c.statement()).as(c.id()).isNotBlank();
      assertThat(c.requiredQuantities()).as(c.id()).isNotEmpty();
      assertThat(c.citation()).startsWith(c.paper().key() + " ");
      if (c.paper() == Paper.JSWM) {
        assertThat(c.theorem()).as(c.id()).containsPattern("\\(mechanism form(, assembled)?\\)$");
      }
    }
    assertThat(papers).containsExactlyInAnyOrder(Paper.values());
  }

  /**
   * The [JSWM] registry after issue 13: generic matrix inequalities left it (they are unit tests of their
   * helpers now), and the two identities say so through their kind.
   */
  @Test
  void jswmClaimsAreTheoremLevelOrDeclaredIdentities() {
    List<String> jswm = registry.all().stream().filter(c -> c.paper() == Paper.JSWM).map(Claim::id).toList();
    assertThat(jswm).containsExactly("jswm.thm3.1.nc1", "jswm.thm3.1.nc1.exact", "jswm.thm3.1.nc2",
        "jswm.thm3.1.nc3", "jswm.thm4.4.balancedness_step", "jswm.critical.balancedness", "jswm.prop5.3.stability");
    for (String id : jswm) {
      ClaimKind expected = id.equals("jswm.thm4.4.balancedness_step") || id.equals("jswm.critical.balancedness")
          ? ClaimKind.IDENTITY : ClaimKind.THEOREM;
      assertThat(registry.get(id).kind()).as(id).isEqualTo(expected);
    }
  }

  @Test
  void lookupByIdAndUnknownIdListsTheKnownOnes() {
    assertThat(registry.get("dln.optimum").paper()).isEqualTo(Paper.DLN);
    assertThatThrownBy(() -> registry.get("jswm.thm9")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'jswm.thm9'").hasMessageContaining("jswm.thm3.1.nc1")
        .hasMessageContaining("dufm.dnc_not_optimal");
  }

  @Test
  void idsAreUniqueAndOrderIsStable() {
    assertThat(new HashSet<>(registry.ids())).hasSameSizeAs(registry.ids());
    assertThat(ClaimRegistry.standard().ids()).isEqualTo(registry.ids());
  }
}
