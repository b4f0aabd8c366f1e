package ncverify.reports.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ncverify.reports.check.ModelCheck;

/** The text form of {@code ncv check}'s result ({@link ModelCheck#run()}). */
final class CheckText {

  private CheckText() {
  }

  @SuppressWarnings("unchecked")
  static String of(Map<String, Object> r) {
    StringBuilder b = new StringBuilder();
    b.append("Metrics\n").append(Tables.metrics((Map<String, Object>) r.get("metrics"))).append('\n');
    b.append("Claims (judged only on quantities measured from these inputs)\n");
    List<String> ufm = new ArrayList<>();
    for (Object o : (List<Object>) r.get("claims")) {
      Map<String, Object> c = (Map<String, Object>) o;
      List<Map<String, Object>> missing = (List<Map<String, Object>>) c.get("not_measured");
      if (!missing.isEmpty() && missing.get(0).get("reason").equals(ModelCheck.UFM_REASON)) {
        ufm.add((String) c.get("id"));
        continue;
      }
      b.append(String.format(Locale.ROOT, "  %-15s %s  (%s %s)%n", c.get("verdict"), c.get("id"), c.get("paper"),
          c.get("theorem")));
      for (Map.Entry<String, Object> a : ((Map<String, Object>) c.get("assumptions")).entrySet()) {
        Map<String, Object> v = (Map<String, Object>) a.getValue();
        b.append(String.format(Locale.ROOT, "      assumption %-4s %s: %s %s %s%n",
            Boolean.TRUE.equals(v.get("holds")) ? "ok" : "FAIL", a.getKey(), Tables.format(v.get("value")),
            v.get("relation"), Tables.format(v.get("threshold"))));
      }
      Map<Object, List<String>> byReason = new java.util.LinkedHashMap<>();
      for (Map<String, Object> m : missing) {
        byReason.computeIfAbsent(m.get("reason"), x -> new ArrayList<>()).add((String) m.get("quantity"));
      }
      byReason.forEach((reason, qs) -> b.append(String.format(Locale.ROOT, "      not measured    %s: %s%n",
          String.join(", ", qs), reason)));
      Map<String, Object> con = (Map<String, Object>) c.get("conclusion");
      if (con != null) {
        b.append(String.format(Locale.ROOT, "      conclusion %-4s %s: %s %s %s (margin %s)%n",
            Boolean.TRUE.equals(con.get("holds")) ? "ok" : "FAIL", con.get("description"), Tables.format(con.get("value")),
            con.get("relation"), Tables.format(con.get("bound")), Tables.format(con.get("margin"))));
      }
    }
    if (!ufm.isEmpty()) {
      b.append("  NOT_JUDGED      on a network: claims about the unconstrained features model (free features at its\n")
          .append("                  optimum); the network is compared with the UFM optimum below:\n");
      wrap(b, String.join(", ", ufm), "                  ");
    }
    Map<String, Integer> s = (Map<String, Integer>) r.get("summary");
    b.append(String.format(Locale.ROOT, "Summary: %d hold, %d violated, %d not applicable, %d not judged (of %d)%n%n",
        s.get("HOLDS"), s.get("VIOLATED"), s.get("NOT_APPLICABLE"), s.get(ModelCheck.NOT_JUDGED),
        ((List<Object>) r.get("claims")).size()));
    stationarity(b, (Map<String, Object>) r.get("stationarity"));
    gap(b, (Map<String, Object>) r.get("ufm_gap"));
    for (Object n : (List<Object>) r.get("notes")) {
      b.append("Note: ").append(n).append('\n');
    }
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static void stationarity(StringBuilder b, Map<String, Object> s) {
    if (!Boolean.TRUE.equals(s.get("measured"))) {
      b.append("Head stationarity: not measured (needs ").append(s.get("needs")).append(")\n\n");
      return;
    }
    b.append(String.format(Locale.ROOT, "Head stationarity (loss %s, reduction %s, lambda_W %s; features entering"
        + " the head fixed)%n", s.get("loss"), s.get("reduction"), Tables.format(s.get("lambda_w"))));
    for (Object o : (List<Object>) s.get("layers")) {
      Map<String, Object> l = (Map<String, Object>) o;
      b.append(String.format(Locale.ROOT, "  head layer %s: ||G|| %s  lambda ||W|| %s  ||G + lambda W|| %s  relative %s%n",
          l.get("layer"), Tables.format(l.get("loss_gradient_norm")), Tables.format(l.get("weight_decay_norm")),
          Tables.format(l.get("residual_norm")), Tables.format(l.get("relative"))));
    }
    boolean near = Boolean.TRUE.equals(s.get("near_critical"));
    b.append(String.format(Locale.ROOT, "  max relative %s %s %s: %s%n%n", Tables.format(s.get("max_relative")),
        near ? "<=" : ">", Tables.format(s.get("near_critical_threshold")),
        near ? "the head is near a critical point of the training objective (the backbone is not measured)"
            : "the head is not at a critical point of the training objective"));
  }

  @SuppressWarnings("unchecked")
  private static void gap(StringBuilder b, Map<String, Object> g) {
    if (g.isEmpty()) {
      return;
    }
    b.append("Gap to the unconstrained-features optimum (a comparison, not a verdict)\n");
    Map<String, Object> dl = (Map<String, Object>) g.get("deep_linear");
    if (dl != null) {
      b.append(String.format(Locale.ROOT, "  deep linear UFM [DLN]: objective %s, optimum %s, gap %s (relative %s)%n",
          Tables.format(dl.get("objective")), Tables.format(dl.get("optimum")), Tables.format(dl.get("gap")),
          Tables.format(dl.get("relative_gap"))));
      b.append("    optimum class-mean norms ").append(Tables.vector((double[]) dl.get("optimum_class_mean_norms")))
          .append('\n');
      wrap(b, (String) dl.get("meaning"), "    ");
    }
    Map<String, Object> seli = (Map<String, Object>) g.get("seli");
    if (seli != null) {
      b.append(String.format(Locale.ROOT, "  SELI geometry [SELI]: distance %s%n", Tables.format(seli.get("distance"))));
      wrap(b, (String) seli.get("meaning"), "    ");
    }
    b.append('\n');
  }

  /** Appends {@code text} wrapped at about 100 columns, each line indented. */
  private static void wrap(StringBuilder b, String text, String indent) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > 100) {
        b.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    b.append(line).append('\n');
  }
}
