package ncverify.reports.campaign;

import java.util.Locale;
import java.util.Map;
import ncverify.theory.claims.ClaimKind;

/** Renders a {@link CampaignResult} as ledger.md: provenance, a summary table, then one section per claim. */
public final class LedgerMarkdown {

  private LedgerMarkdown() {
  }

  public static String render(CampaignResult r) {
    StringBuilder b = new StringBuilder();
    b.append("# ncverify claims ledger\n\n");
    if (r.incomplete()) {
      b.append("> **INCOMPLETE**: the campaign was interrupted after ").append(r.triesRun()).append(" of ")
          .append(r.plannedTries()).append(" tries; the numbers below cover only the finished tries.\n\n");
    }
    Map<String, Object> p = r.provenance().toJsonMap(r.seconds());
    b.append("Run: ");
    p.forEach((k, v) -> {
      if (v != null) {
        b.append('`').append(k).append('=').append(v).append("` ");
      }
    });
    b.append("\n\n");
    b.append(String.format(Locale.ROOT, "**%d claims: %s** (%d generated tries, %d targeted).%n%n", r.entries().size(),
        r.countsLine(), r.generatedTriesRun(), r.triesRun() - r.generatedTriesRun()));
    b.append("Tightness is the closest approach to the bound over all tries: measured/bound for upper bounds,"
        + " bound/measured for lower bounds (at most 1 holds; above 1 violates, unless within the roundoff tolerance"
        + " of the claim; docs/theory.md section 6). The targeted search climbs each claim's tightness from the"
        + " generated case closest to its bound.\n\n");
    b.append("Reproduce: `ncv campaign --seed ").append(r.provenance().settings().seed())
        .append(" --only <study>` (with the same `--quick`/`--tries`) reruns a study's tries exactly; a case's `choices`"
        + " (ledger.json) replay it alone in the property suite with `-Dncverify.replay=<choices>`.\n\n");
    b.append("| claim | kind | paper | theorem | verdict | tries | assumptions held | HOLDS / VIOLATED / N.A. / error"
        + " | worst margin | tightness | targeted best |\n|---|---|---|---|---|---:|---:|---|---:|---:|---:|\n");
    for (LedgerEntry e : r.entries()) {
      b.append(String.format(Locale.ROOT, "| [%s](#%s) | %s | %s | %s | %s | %d | %.0f%% | %d / %d / %d / %d | %s | %s"
          + " | %s |%n", e.claimId(), anchor(e.claimId()), kind(e), e.paper(), esc(e.theorem()), e.overall(), e.tries(),
          100 * e.applicableFraction(), e.holds(), e.violated(), e.notApplicable(), e.errors(), num(e.worstMargin()),
          num(e.tightness().best()), targeted(e.tightness())));
    }
    b.append('\n');
    b.append(BackboneBreakdown.markdown(r.records()));
    for (LedgerEntry e : r.entries()) {
      b.append("## ").append(e.claimId()).append(" {#").append(anchor(e.claimId())).append("}\n\n");
      b.append(e.paper()).append(' ').append(e.theorem()).append(": ").append(e.statement()).append("\n\n");
      b.append("- kind: ").append(e.kind() == ClaimKind.IDENTITY ? "identity (holds for any input up to roundoff; a"
          + " violation is a bug in our code; not counted as verified)" : "theorem-level").append('\n');
      b.append("- studies: ").append(String.join(", ", e.studies())).append('\n');
      b.append(String.format(Locale.ROOT, "- %s: %d tries, assumptions held in %.1f%%, %d HOLDS, %d VIOLATED,"
          + " %d NOT_APPLICABLE, %d errors%n", e.overall(), e.tries(), 100 * e.applicableFraction(), e.holds(),
          e.violated(), e.notApplicable(), e.errors()));
      if (e.worstTry() != null) {
        b.append("- worst margin ").append(num(e.worstMargin())).append(" at ").append(ref(e.worstTry())).append('\n');
      }
      LedgerEntry.Tightness t = e.tightness();
      if (t.best() != null) {
        b.append("- tightness ").append(num(t.best())).append(" (closest approach to the bound) at ").append(ref(t.bestAt()))
            .append('\n');
        b.append("- targeted search: ").append(t.targetedEvaluations() == 0 ? "no climb" : String.format(Locale.ROOT,
            "%d evaluations from tightness %s, best %s", t.targetedEvaluations(), num(t.generationBest()),
            num(t.targetedBest()))).append(t.targetedViolations() > 0 ? ", " + t.targetedViolations()
            + " targeted tries VIOLATED it" : "").append('\n');
      } else if (e.holds() + e.violated() > 0) {
        b.append("- tightness undefined (a bound of 0 or of the other sign than the ratio needs; see the margin)\n");
      }
      if (e.counterexample() != null) {
        Counterexample c = e.counterexample();
        b.append("- **minimal counterexample**: `").append(c.shrunkCase()).append("`\n");
        b.append("  - ").append(c.message()).append('\n');
        b.append("  - replay: `-Dncverify.replay=").append(c.shrunkChoices()).append("`; first violation at ")
            .append(ref(c.original())).append('\n');
        b.append(String.format(Locale.ROOT, "  - shrinking: %d evaluations, stopped: %s%s%n", c.evaluations(),
            c.stopReason(), c.flaky() ? "; FLAKY: the shrunk case passed when re-run" : ""));
      } else if (e.firstViolation() != null) {
        b.append("- first violation at ").append(ref(e.firstViolation())).append('\n');
      }
      for (LedgerEntry.ErrorRef err : e.errorTries()) {
        b.append("- error at ").append(ref(err.at())).append(": ").append(err.message()).append('\n');
      }
      b.append('\n');
    }
    return b.toString();
  }

  static String ref(TryRef t) {
    if (t.target() != null) {
      return String.format(Locale.ROOT, "%s (run seed %d; its choices are in ledger.json): `%s`", t.where(),
          t.runSeed(), t.caseText());
    }
    return String.format(Locale.ROOT, "%s (case seed %d, run seed %d): `%s`", t.where(), t.caseSeed(), t.runSeed(),
        t.caseText());
  }

  static String kind(LedgerEntry e) {
    return e.kind() == ClaimKind.IDENTITY ? "identity" : "theorem";
  }

  /** "best (evaluations)" of the targeted climb, or "-" when none ran. */
  public static String targeted(LedgerEntry.Tightness t) {
    return t.targetedEvaluations() == 0 ? "-" : num(t.targetedBest()) + " (" + t.targetedEvaluations() + ")";
  }

  static String num(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
  }

  static String anchor(String id) {
    return id.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
  }

  private static String esc(String s) {
    return s.replace("|", "\\|");
  }
}
