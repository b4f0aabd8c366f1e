package ncverify.theory.claims.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.Paper;
import org.junit.jupiter.api.Test;

class ClaimRegistryTest {

  private final ClaimRegistry registry = ClaimRegistry.standard();

  @Test
  void listsEveryRequiredClaimWithCitation() {
    assertThat(registry.ids()).contains("jswm.thm3.1.nc1", "jswm.lemma.kernel", "jswm.lemma.balanced_spectrum",
        "jswm.thm3.1.nc2.kappa_a", "jswm.thm3.1.nc2.penultimate", "jswm.thm3.1.nc3.cosine",
        "jswm.thm4.4.balancedness_step", "jswm.critical.balancedness", "jswm.thm5.2.conditioning",
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
        assertThat(c.theorem()).as(c.id()).endsWith("(mechanism form)");
      }
    }
    assertThat(papers).containsExactlyInAnyOrder(Paper.values());
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
