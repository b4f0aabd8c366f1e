package ncverify.properties.study;

import static org.assertj.core.api.Assertions.assertThat;

import ncverify.theory.claims.registry.ClaimRegistry;

/** The definition-of-done check (a) of the property suites: every claim's wrong version is caught. */
public final class WrongVersions {

  private WrongVersions() {
  }

  /**
   * Judges the {@link Falsifiability#judgeStrengthened strengthened} version of every claim of {@code study}
   * on the measurements it recorded, prints each report and asserts that each came out VIOLATED at least once.
   */
  public static void assertCaught(RecordingStudy<?> study) {
    ClaimRegistry registry = ClaimRegistry.standard();
    for (String id : study.claimIds()) {
      Falsifiability.Report rep = Falsifiability.judgeStrengthened(registry.get(id), study.outcomes());
      System.out.println(rep);
      assertThat(rep.caught()).as(rep.toString()).isTrue();
    }
  }
}
