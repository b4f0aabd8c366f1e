package ncverify.reports.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import ncverify.reports.check.ModelCheck;
import ncverify.reports.io.ArrayFiles;
import ncverify.reports.json.Json;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncv check}: measures everything the claims need on a model trained elsewhere and prints, for
 * each claim, whether its assumptions hold and, if so, whether its conclusion holds, with the numbers
 * ({@link ModelCheck}).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {
        "Judge every claim on a model trained elsewhere (e.g. arrays dumped from PyTorch).",
        "Files are .npy or CSV. Features on disk are N x d (one row per sample), W is",
        "K x d, layer l is n_l x n_{l-1}. The [JSWM] claims need the linear head",
        "(--layers) and the features entering it (--pre-linear-features);",
        "--lambda-w/--lambda-h/--loss add the comparison with the closed-form optimum."},
    footer = {"", "Example:", "  ncv check --features H.npy --labels y.npy --weights W.npy \\",
        "      --layers W2.npy,W.npy --pre-linear-features X.npy \\",
        "      --lambda-w 5e-4 --lambda-h 5e-4 --loss mse --lr 0.05"})
public final class CheckCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--features", required = true, paramLabel = "H.npy", description = "Penultimate features, N x d.")
  Path features;

  @Option(names = "--labels", required = true, paramLabel = "y.npy", description = "Class labels 0..K-1, length N.")
  Path labels;

  @Option(names = "--weights", required = true, paramLabel = "W.npy", description = "Last-layer classifier W, K x d.")
  Path weights;

  @Option(names = "--layers", split = ",", paramLabel = "W1.npy",
      description = "The linear layers of the head in order (the last may be W itself).")
  List<Path> layers = new ArrayList<>();

  @Option(names = "--pre-linear-features", paramLabel = "X.npy",
      description = "Features entering the first of --layers, N x n (e.g. the output of the last ReLU).")
  Path preLinear;

  @Option(names = "--lambda-w", paramLabel = "L", description = "Weight decay of the layers.")
  Double lambdaW;

  @Option(names = "--lambda-h", paramLabel = "L", description = "Weight decay of the (free) features.")
  Double lambdaH;

  @Option(names = "--loss", paramLabel = "LOSS", description = "Training loss: mse or ce.")
  String loss;

  @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0",
      description = "Learning rate of the training run (for the [JSWM] large-learning-rate claim; default 0 = unknown).")
  double lr;

  @Option(names = "--json", description = "Print one JSON object {metrics, claims, not_measured, optimum, notes}.")
  boolean json;

  @Override
  public Integer call() {
    if (lambdaW != null && !(lambdaW > 0) || lambdaH != null && !(lambdaH > 0)) {
      throw InvalidInputException.of("--lambda-w and --lambda-h must be > 0");
    }
    DMatrixRMaj h = ArrayFiles.features(features);
    int[] y = ArrayFiles.labelsFor(h, features, labels);
    DMatrixRMaj w = ArrayFiles.matrix(weights, "weights");
    List<DMatrixRMaj> ws = ArrayFiles.matrices(layers, "layer weights");
    DMatrixRMaj x = preLinear == null ? null : ArrayFiles.features(preLinear);
    Map<String, Object> result = new ModelCheck(h, y, w, ws, x, lambdaW, lambdaH, loss, lr).run();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(result));
    } else {
      out.print(text(result));
    }
    out.flush();
    return 0;
  }

  @SuppressWarnings("unchecked")
  static String text(Map<String, Object> r) {
    StringBuilder b = new StringBuilder();
    b.append("Metrics\n").append(Tables.metrics((Map<String, Object>) r.get("metrics"))).append('\n');
    b.append("Claims\n");
    for (Object o : (List<Object>) r.get("claims")) {
      Map<String, Object> c = (Map<String, Object>) o;
      b.append(String.format(Locale.ROOT, "  %-15s %s  (%s %s)%n", c.get("verdict"), c.get("id"), c.get("paper"),
          c.get("theorem")));
      for (Map.Entry<String, Object> a : ((Map<String, Object>) c.get("assumptions")).entrySet()) {
        Map<String, Object> v = (Map<String, Object>) a.getValue();
        b.append(String.format(Locale.ROOT, "      assumption %-4s %s: %s %s %s%n",
            Boolean.TRUE.equals(v.get("holds")) ? "ok" : "FAIL", a.getKey(), Tables.format(v.get("value")),
            v.get("relation"), Tables.format(v.get("threshold"))));
      }
      Map<String, Object> con = (Map<String, Object>) c.get("conclusion");
      if (con != null) {
        b.append(String.format(Locale.ROOT, "      conclusion %-4s %s: %s %s %s (margin %s)%n",
            Boolean.TRUE.equals(con.get("holds")) ? "ok" : "FAIL", con.get("description"), Tables.format(con.get("value")),
            con.get("relation"), Tables.format(con.get("bound")), Tables.format(con.get("margin"))));
      }
    }
    List<Object> missing = (List<Object>) r.get("not_measured");
    if (!missing.isEmpty()) {
      b.append("Not measured from these inputs\n");
      for (Object o : missing) {
        Map<String, Object> m = (Map<String, Object>) o;
        b.append("  ").append(m.get("id")).append(" (needs ").append(String.join(", ", (List<String>) m.get("missing")))
            .append(")\n");
      }
    }
    Map<String, Object> opt = (Map<String, Object>) r.get("optimum");
    if (!opt.isEmpty()) {
      b.append("Closed-form optimum\n");
      opt.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v instanceof double[] a ? Tables.vector(a)
          : v instanceof boolean[] f ? java.util.Arrays.toString(f) : Tables.format(v)).append('\n'));
    }
    for (Object n : (List<Object>) r.get("notes")) {
      b.append("Note: ").append(n).append('\n');
    }
    return b.toString();
  }
}
