package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ncverify.reports.campaign.BackboneBreakdown;
import ncverify.reports.campaign.CampaignResult;
import ncverify.reports.campaign.LedgerEntry;
import ncverify.reports.campaign.RunFolder;
import ncverify.reports.json.Json;

/** index.html of a run folder: provenance, the ledger table, the figures; relative links only (works from file://). */
final class IndexHtml {

  private IndexHtml() {
  }

  static void write(Path dir, CampaignResult r, List<Figure> figures, Map<String, Object> realData)
      throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ncverify campaign</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
            + "table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;padding:3px 6px}"
            + "th{background:#eee}.HOLDS{color:#070}.VIOLATED{color:#b00;font-weight:bold}.NOT_APPLICABLE{color:#777}"
            + "img{max-width:100%;border:1px solid #ddd}figure{margin:2em 0}code{font-size:90%}</style></head><body>\n");
    b.append("<h1>ncverify claims ledger</h1>\n");
    if (r.incomplete()) {
      b.append("<p><strong>INCOMPLETE</strong>: interrupted after ").append(r.triesRun()).append(" of ")
          .append(r.plannedTries()).append(" tries.</p>\n");
    }
    b.append(String.format(Locale.ROOT, "<p><b>%d claims: %s</b> (%d generated tries, %d targeted, %.1f s). Files:"
        + " <a href=\"ledger.md\">ledger.md</a>, <a href=\"ledger.json\">ledger.json</a>.</p>%n",
        r.entries().size(), esc(r.countsLine()), r.generatedTriesRun(), r.triesRun() - r.generatedTriesRun(),
        r.seconds()));
    b.append("<details><summary>Provenance</summary><pre>")
        .append(esc(Json.write(r.toJsonMap().get("provenance")))).append("</pre></details>\n");
    b.append("<h2>Ledger</h2>\n<p>Tightness: the closest approach to the bound over all tries, measured/bound for"
        + " upper bounds and bound/measured for lower bounds (1 = at the bound); targeted: the best ratio the"
        + " targeted search reached (evaluations). Identities hold for any input up to roundoff and check our"
        + " code; they are not counted as verified.</p>\n<table><tr><th>claim</th><th>kind</th><th>paper</th>"
        + "<th>theorem</th><th>statement</th><th>verdict</th><th>tries</th><th>assumptions held</th>"
        + "<th>H / V / N.A. / err</th><th>worst margin</th><th>tightness</th><th>targeted</th>"
        + "<th>minimal counterexample / seeds</th></tr>\n");
    for (LedgerEntry e : r.entries()) {
      String cx = e.counterexample() != null ? "<code>" + esc(e.counterexample().shrunkCase()) + "</code><br>replay "
          + "<code>" + esc(e.counterexample().shrunkChoices()) + "</code>"
          : e.tightness().bestAt() != null ? String.format(Locale.ROOT, "closest at %s, case seed %d",
              esc(e.tightness().bestAt().where()), e.tightness().bestAt().caseSeed())
          : e.worstTry() != null ? String.format(Locale.ROOT, "worst at %s, case seed %d", esc(e.worstTry().where()),
              e.worstTry().caseSeed()) : "";
      b.append(String.format(Locale.ROOT, "<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
          + "<td class=\"%s\">%s</td><td>%d</td><td>%.0f%%</td><td>%d / %d / %d / %d</td><td>%s</td><td>%s</td>"
          + "<td>%s</td><td>%s</td></tr>%n", esc(e.claimId()), e.kind().name().toLowerCase(Locale.ROOT),
          esc(e.paper()), esc(e.theorem()), esc(e.statement()), e.overall(), e.overall(), e.tries(),
          100 * e.applicableFraction(), e.holds(), e.violated(), e.notApplicable(), e.errors(),
          num(e.worstMargin()), num(e.tightness().best()), esc(ncverify.reports.campaign.LedgerMarkdown.targeted(
              e.tightness())), cx));
    }
    b.append("</table>\n");
    perBackbone(b, r);
    if (realData != null) {
      b.append("<h2>Real data: [JSWM] claims on Fashion-MNIST</h2>\n");
      realData.forEach((name, v) -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> sub = (Map<String, Object>) v;
        b.append(String.format(Locale.ROOT, "<h3>%s</h3><p>class sizes %s, %s SGD steps, train error %.3f, objective"
            + " %.4g: %s (<a href=\"real_data.json\">real_data.json</a>)</p>%n", esc(name),
            java.util.Arrays.toString((int[]) sub.get("sizes")), sub.get("steps"), (Double) sub.get("train_error"),
            (Double) sub.get("final_loss"), esc(String.valueOf(sub.get("summary")))));
        b.append("<table><tr><th>claim</th><th>theorem</th><th>verdict</th><th>measured</th><th>bound</th></tr>\n");
        for (Object o : (List<?>) sub.get("claims")) {
          @SuppressWarnings("unchecked")
          Map<String, Object> c = (Map<String, Object>) o;
          @SuppressWarnings("unchecked")
          Map<String, Object> con = (Map<String, Object>) c.get("conclusion");
          b.append(String.format(Locale.ROOT, "<tr><td><code>%s</code></td><td>%s</td><td class=\"%s\">%s</td>"
              + "<td>%s</td><td>%s</td></tr>%n", esc(String.valueOf(c.get("id"))), esc(String.valueOf(c.get("theorem"))),
              c.get("verdict"), c.get("verdict"), con == null ? "-" : num(con.get("value")),
              con == null ? "-" : num(con.get("bound"))));
        }
        b.append("</table>\n");
      });
    }
    if (!figures.isEmpty()) {
      b.append("<h2>Figures</h2>\n");
    }
    for (Figure f : figures) {
      b.append("<figure><img src=\"").append(f.stem()).append(".png\" alt=\"").append(esc(f.title()))
          .append("\"><figcaption><b>").append(esc(f.title())).append(".</b> ").append(esc(f.caption()))
          .append(" (<a href=\"").append(f.stem()).append(".svg\">SVG</a>)</figcaption></figure>\n");
    }
    b.append("</body></html>\n");
    Json.writeStringAtomically(dir.resolve("index.html"), b.toString());
    RunFolder.shareable(dir.resolve("index.html"));
  }

  /** The claims per backbone family ({@link BackboneBreakdown}); nothing when no try names a backbone. */
  private static void perBackbone(StringBuilder b, CampaignResult r) {
    Map<String, Map<String, BackboneBreakdown.Counts>> all = BackboneBreakdown.of(r.records());
    if (all.isEmpty()) {
      return;
    }
    b.append("<h2>Claims per backbone family</h2>\n<p>Generated tries of the studies that draw several backbones (")
        .append(esc(BackboneBreakdown.familiesLine(r.records()))).append("), per claim and family: applicable = the"
            + " assumptions held (coverage). Targeted tries are not counted.</p>\n<table><tr><th>claim</th>"
            + "<th>family</th><th>tries</th><th>applicable</th><th>HOLDS</th><th>VIOLATED</th><th>N.A.</th></tr>\n");
    all.forEach((claim, families) -> families.forEach((family, c) -> b.append(String.format(Locale.ROOT,
        "<tr><td><code>%s</code></td><td>%s</td><td>%d</td><td>%d (%.0f%%)</td><td class=\"HOLDS\">%d</td>"
            + "<td class=\"%s\">%d</td><td>%d</td></tr>%n", esc(claim), esc(family), c.tries(), c.applicable(),
        100 * c.coverage(), c.holds(), c.violated() > 0 ? "VIOLATED" : "", c.violated(), c.notApplicable()))));
    b.append("</table>\n");
  }

  private static String num(Object v) {
    return v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v == null ? "-" : String.valueOf(v);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
