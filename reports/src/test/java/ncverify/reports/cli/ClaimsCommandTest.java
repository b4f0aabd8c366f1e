package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimKind;
import ncverify.theory.claims.registry.ClaimRegistry;
import org.junit.jupiter.api.Test;

class ClaimsCommandTest {

  private static String[] run(String... args) {
    CliRun r = CliRun.of(args);
    return new String[] {Integer.toString(r.code()), r.out(), r.err()};
  }

  @Test
  void printsEveryClaimWithItsCitation() {
    String[] r = run("claims");
    assertThat(r[0]).isEqualTo("0");
    for (Claim c : ClaimRegistry.standard().all()) {
      assertThat(r[1]).contains(c.id()).contains(c.citation());
      String block = r[1].substring(r[1].indexOf(c.id() + "\n"));
      assertThat(block.lines().skip(2).findFirst().orElseThrow()).as(c.id())
          .startsWith(c.kind() == ClaimKind.IDENTITY ? "  kind: identity" : "  kind: theorem-level");
    }
    assertThat(r[1]).contains("[JSWM] Thm 3.1 NC1 (mechanism form)").contains("arXiv 2410.04887");
  }

  @Test
  void filtersAndRejectsUnknownIds() {
    String[] dln = run("claims", "--paper", "DLN");
    assertThat(dln[1]).contains("dln.optimum").doesNotContain("jswm.");
    String[] bad = run("claims", "no.such.claim");
    assertThat(bad[0]).isEqualTo("2");
    assertThat(bad[2]).contains("unknown claim id 'no.such.claim'");
    String[] table = run("claims", "--table");
    assertThat(table[1].lines().filter(l -> l.startsWith("| `"))).hasSize(ClaimRegistry.standard().all().size());
    assertThat(table[1]).startsWith("| claim | theorem | kind |").contains("| `seli.convergence` | [SELI] ");
    assertThat(run("claims", "--json", "seli.convergence")[1]).contains("\"id\" : \"seli.convergence\"")
        .contains("\"kind\" : \"theorem\"");
  }
}
