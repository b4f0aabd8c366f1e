package ncverify.properties.study;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;

/**
 * The falsifiability half of a claim's definition of done (docs/theory.md section 6): a deliberately
 * wrong version of the claim ({@link Claim#strengthened}, 2x too strong or a wrong factor) is judged
 * on the measurements the real claim was judged on in a study's generated tries, and must come out
 * VIOLATED on at least one of them. Studies record those measurements with
 * {@link StudyOutcome#withMeasurement}.
 */
public final class Falsifiability {

  /** The default strengthening factor: "2x too strong". */
  public static final double FACTOR = 2.0;

  private Falsifiability() {
  }

  /**
   * Verdict counts of a wrong version of a claim over recorded outcomes.
   *
   * @param claimId the claim
   * @param tries outcomes in which the claim's measurement was recorded
   * @param applicable tries in which its assumptions held
   * @param violated tries in which the wrong version came out VIOLATED
   * @param firstViolation the first such result, or null
   */
  public record Report(String claimId, int tries, int applicable, int violated, ClaimResult firstViolation) {

    /** True when the wrong version was caught at least once. */
    public boolean caught() {
      return violated > 0;
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%s: wrong version VIOLATED in %d of %d applicable tries (%d recorded)%s",
          claimId, violated, applicable, tries, firstViolation == null ? "" : "; first: " + firstViolation);
    }
  }

  /** Judges {@code wrong} on every outcome that recorded a measurement for its id. */
  public static Report judge(Claim wrong, List<StudyOutcome> outcomes) {
    int tries = 0;
    int applicable = 0;
    int violated = 0;
    ClaimResult first = null;
    for (StudyOutcome o : outcomes) {
      Measurement m = o.measurements().get(wrong.id());
      if (m == null) {
        continue;
      }
      tries++;
      ClaimResult r = wrong.evaluate(m);
      if (r.verdict() != Verdict.NOT_APPLICABLE) {
        applicable++;
      }
      if (r.verdict() == Verdict.VIOLATED) {
        violated++;
        if (first == null) {
          first = r;
        }
      }
    }
    return new Report(wrong.id(), tries, applicable, violated, first);
  }

  /** {@link #judge} for the claim's own {@link Claim#strengthened} version at {@link #FACTOR}. */
  public static Report judgeStrengthened(Claim claim, List<StudyOutcome> outcomes) {
    return judge(claim.strengthened(FACTOR), outcomes);
  }

  /** Reports for several claims at once, in the given order. */
  public static List<Report> judgeAll(List<Claim> claims, List<StudyOutcome> outcomes) {
    List<Report> out = new ArrayList<>();
    for (Claim c : claims) {
      out.add(judgeStrengthened(c, outcomes));
    }
    return out;
  }
}
