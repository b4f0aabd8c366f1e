package ncverify.reports.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimKind;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.registry.ClaimRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ncv claims}: lists every encoded claim (id, citation, statement, quantities) from the registry. */
@Command(name = "claims", mixinStandardHelpOptions = true,
    description = {"List the encoded claims of [JSWM], [SELI], [DLN], [DUFM], [DUFM2] with their citations.",
        "Each claim is theorem-level (a trained model can violate it) or an identity that holds up to roundoff"
            + " (it catches bugs in our code and is never counted among the verified claims)."})
public final class ClaimsCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "ID", description = "Only these claim ids (default: all).")
  List<String> ids = new ArrayList<>();

  @Option(names = "--paper", paramLabel = "KEY", description = "Only claims of this paper (JSWM, SELI, DLN, DUFM, DUFM2).")
  String paper;

  @Option(names = "--json", description = "Print a JSON array instead of text.")
  boolean json;

  @Option(names = "--table", description = "Print a Markdown table: claim, citation, kind (the README's claims table).")
  boolean table;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      return list();
    } catch (InvalidInputException e) {
      spec.commandLine().getErr().println("ncv claims: " + Ncv.oneLine(e.getMessage()));
      return 2;
    }
  }

  private int list() throws Exception {
    ClaimRegistry registry = ClaimRegistry.standard();
    List<Claim> claims = new ArrayList<>(ids.isEmpty() ? registry.all() : registry.get(ids));
    if (paper != null) {
      Paper p = parsePaper(paper);
      claims.removeIf(c -> c.paper() != p);
      if (claims.isEmpty()) {
        throw InvalidInputException.of("no claim of paper %s among the given ids %s", p.name(), ids);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Claim c : claims) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", c.id());
        row.put("paper", c.paper().key());
        row.put("theorem", c.theorem());
        row.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        row.put("citation", c.paper().citation());
        row.put("statement", c.statement());
        row.put("quantities", c.requiredQuantities());
        rows.add(row);
      }
      out.println(ncverify.reports.json.Json.write(rows));
    } else if (table) {
      out.println("| claim | theorem | kind |");
      out.println("|---|---|---|");
      for (Claim c : claims) {
        out.printf(Locale.ROOT, "| `%s` | %s | %s |%n", c.id(), c.citation().replace("|", "\\|"),
            c.kind() == ClaimKind.IDENTITY ? "identity (roundoff; checks our code)" : "theorem-level");
      }
    } else {
      for (Claim c : claims) {
        out.printf(Locale.ROOT, "%s%n  %s%n  kind: %s%n  %s%n  quantities: %s%n%n", c.id(), c.citation(),
            kind(c), c.statement(), String.join(", ", c.requiredQuantities()));
      }
      java.util.Set<Paper> cited = new java.util.LinkedHashSet<>();
      claims.forEach(c -> cited.add(c.paper()));
      for (Paper p : cited) {
        out.printf(Locale.ROOT, "%s %s%n", p.key(), p.citation());
      }
    }
    out.flush();
    return 0;
  }

  /** The kind in words: what a violation of the claim would mean. */
  static String kind(Claim c) {
    return c.kind() == ClaimKind.IDENTITY
        ? "identity (holds for any input up to roundoff; a violation is a bug in our code, not a limit of the theorem)"
        : "theorem-level (assumptions are measured outcomes; a trained model can violate it)";
  }

  private static Paper parsePaper(String key) {
    String k = key.replace("[", "").replace("]", "").trim().toUpperCase(Locale.ROOT);
    for (Paper p : Paper.values()) {
      if (p.name().equals(k)) {
        return p;
      }
    }
    throw InvalidInputException.of("unknown paper '%s'; known: JSWM, SELI, DLN, DUFM, DUFM2", key);
  }
}
