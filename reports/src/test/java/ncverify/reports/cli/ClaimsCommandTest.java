package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.registry.ClaimRegistry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClaimsCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Ncv());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute(args);
    return new String[] {Integer.toString(rc), out.toString(), err.toString()};
  }

  @Test
  void printsEveryClaimWithItsCitation() {
    String[] r = run("claims");
    assertThat(r[0]).isEqualTo("0");
    for (Claim c : ClaimRegistry.standard().all()) {
      assertThat(r[1]).contains(c.id()).contains(c.citation());
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
    assertThat(run("claims", "--json", "seli.convergence")[1]).contains("\"id\" : \"seli.convergence\"");
  }
}
