package ncverify.reports.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import ncverify.reports.check.LossReduction;
import ncverify.reports.check.ModelCheck;
import ncverify.reports.io.ArrayFiles;
import ncverify.reports.io.MappedNpy;
import ncverify.reports.json.Json;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.blas.BlasThreads;
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
        "(--layers) and the features entering it (--pre-linear-features).",
        "A claim is judged only on what these inputs measure: a claim needing a quantity",
        "that was not given or cannot be measured from the arrays is NOT_JUDGED, with",
        "what is missing. --lambda-w with --loss (and --reduction) measure how close the",
        "head is to a critical point; with --lambda-h the network is compared with the",
        "optimum of the unconstrained features model as a gap, not a verdict."},
    footer = {"", "Example:", "  ncv check --features H.npy --labels y.npy --weights W.npy \\",
        "      --layers W2.npy,W.npy --pre-linear-features X.npy \\",
        "      --lambda-w 5e-4 --lambda-h 5e-4 --loss mse --reduction torch-mean --lr 0.05"})
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

  @Option(names = "--lambda-w", paramLabel = "L", description = "Weight decay of the layers in training (PyTorch's"
      + " weight_decay); without it, lambda and the critical-point quantities are not measured.")
  Double lambdaW;

  @Option(names = "--lambda-h", paramLabel = "L", description = "Weight decay of the free features, for the comparison"
      + " with the UFM optimum only.")
  Double lambdaH;

  @Option(names = "--loss", paramLabel = "LOSS", description = "Training loss: mse or ce.")
  String loss;

  @Option(names = "--reduction", paramLabel = "R", defaultValue = "sum", description = "How the training loss"
      + " combined the samples: sum (c = 1, [JSWM]), mean (c = 1/N) or torch-mean (PyTorch's MSELoss()/"
      + "CrossEntropyLoss() defaults); default ${DEFAULT-VALUE}.")
  String reduction;

  @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate of the training run (for the [JSWM]"
      + " large-learning-rate claim; without it, eta is not measured).")
  Double lr;

  @Option(names = "--json", description = "Print one JSON object {metrics, claims, summary, stationarity, ufm_gap,"
      + " notes}.")
  boolean json;

  /**
   * Widest features entering the head for which the check runs with one BLAS thread per call: measured faster at
   * 256 (bench/README.md, issue 18); the factor of n x N features grows as n^2 N against n N for the other parts.
   */
  static final int SIDE_BY_SIDE_MAX_WIDTH = 256;

  @Override
  public Integer call() {
    LossReduction red = LossReduction.parse(reduction);
    if (lambdaW != null && !(lambdaW > 0) || lambdaH != null && !(lambdaH > 0)) {
      throw InvalidInputException.of("--lambda-w and --lambda-h must be > 0");
    }
    MappedNpy mapped = ArrayFiles.mapped(features);
    // labels of the wrong length are refused before a large features file is read
    int[] y = mapped == null ? null : ArrayFiles.labelsFor(mapped.numSamples(), features, labels);
    DMatrixRMaj h = mapped == null ? ArrayFiles.features(features) : mapped.readAll();
    if (y == null) {
      y = ArrayFiles.labelsFor(h, features, labels);
    }
    DMatrixRMaj w = ArrayFiles.matrix(weights, "weights");
    List<DMatrixRMaj> ws = ArrayFiles.matrices(layers, "layer weights");
    DMatrixRMaj x = preLinear == null ? null : ArrayFiles.features(preLinear);
    ModelCheck check = new ModelCheck(h, y, w, ws, x, lambdaW, lambdaH, loss, red, lr);
    // its parts run side by side on every core: one BLAS thread per call (BlasThreads), unless the factor of wide
    // features entering the head (O(n^2 N)) outweighs the other parts and needs every core for itself
    boolean sideBySide = x == null || x.numRows <= SIDE_BY_SIDE_MAX_WIDTH;
    Map<String, Object> result = sideBySide ? BlasThreads.oneThreadPerCall(check::run) : check.run();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(result));
    } else {
      out.print(CheckText.of(result));
    }
    out.flush();
    return 0;
  }
}
