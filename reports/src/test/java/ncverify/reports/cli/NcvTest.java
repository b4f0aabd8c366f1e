package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NcvTest {

  @Test
  void helpListsTheCommandAndExitsZero() {
    CliRun r = CliRun.of("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: ncv");
  }

  @Test
  void unknownOptionIsOneLineAndExitTwo() {
    CliRun r = CliRun.of("--no-such-flag");
    assertThat(r.code()).isEqualTo(Ncv.EXIT_USER_ERROR);
    assertThat(r.err()).startsWith("ncv: ").doesNotContain("Exception").doesNotContain("\tat ");
  }
}
