package ncverify.reports.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import ncverify.reports.json.Json;
import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import ncverify.theory.geometry.SeliGeometry;
import ncverify.theory.geometry.StepImbalance;
import ncverify.theory.geometry.dufm.DeepUfmRegime;
import ncverify.theory.geometry.dufm.DufmParameters;
import ncverify.theory.geometry.dufm.RegimeComparison;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ncv geometry}: the closed-form collapse geometries of the papers. */
@Command(name = "geometry", mixinStandardHelpOptions = true,
    description = "Closed-form collapse geometries: SELI [SELI], the deep-linear UFM optimum [DLN], DNC vs low rank [DUFM].",
    subcommands = {GeometryCommand.Seli.class, GeometryCommand.Dang.class, GeometryCommand.Dufm.class})
public final class GeometryCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void print(CommandSpec spec, Map<String, Object> map, boolean json) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? Json.write(map) + "\n" : Tables.metrics(Tables.flatten(map)));
    out.flush();
  }

  /** {@code ncv geometry seli}. */
  @Command(name = "seli", mixinStandardHelpOptions = true,
      description = {"The SELI geometry [SELI] of the simplex-encoded label matrix Zhat = (I - 11^T/K) Y:",
          "singular values of Zhat, G_W ~ (Zhat Zhat^T)^{1/2} and the class-mean Gram, unit Frobenius norm."},
      footer = {"", "Examples:", "  ncv geometry seli --class-sizes 50,50,5,5 --json",
          "  ncv geometry seli --k 4 --R 10 --rho 0.5 --nmin 5"})
  static final class Seli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Sizes sizes;

    static final class Sizes {
      @Option(names = "--class-sizes", split = ",", paramLabel = "n1,n2,...", description = "Samples per class.")
      int[] classSizes;
      @ArgGroup(exclusive = false)
      Step step;
    }

    static final class Step {
      @Option(names = "--k", required = true, description = "Number of classes K.")
      int k;
      @Option(names = "--R", required = true, description = "Imbalance ratio R = n_maj / n_min.")
      double ratio;
      @Option(names = "--rho", required = true, description = "Fraction of minority classes; rho*K must be an integer.")
      double rho;
      @Option(names = "--nmin", required = true, description = "Samples per minority class.")
      int nMin;
    }

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      int k = sizes.classSizes != null ? sizes.classSizes.length : sizes.step.k;
      if (k > MAX_SELI_CLASSES) {
        throw InvalidInputException.of("K = %d classes is too many for ncv geometry seli (at most %d: the geometry"
            + " is a dense K x K SVD)", k, MAX_SELI_CLASSES);
      }
      SeliGeometry g = sizes.classSizes != null ? SeliGeometry.of(sizes.classSizes)
          : new StepImbalance(sizes.step.k, sizes.step.ratio, sizes.step.rho, sizes.step.nMin).geometry();
      print(spec, g.toJsonMap(), json);
      return 0;
    }
  }

  /** {@code ncv geometry dang}. */
  @Command(name = "dang", mixinStandardHelpOptions = true,
      description = {"Global optimum of the bias-free deep linear UFM with MSE [DLN] for any class sizes:",
          "which classes survive, class-mean and classifier norms, optimal loss."},
      footer = {"", "Example:", "  ncv geometry dang --class-sizes 200,100,50,50 --layers 3 --lambda-w 5e-3 --lambda-h 5e-3 --json"})
  static final class Dang implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--class-sizes", split = ",", required = true, paramLabel = "n1,n2,...", description = "Samples per class.")
    int[] classSizes;
    @Option(names = "--layers", defaultValue = "1", description = "Number of linear layers M (default ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--lambda-w", required = true, description = "Weight decay lambda_W of every layer.")
    double lambdaW;
    @Option(names = "--lambda-h", required = true, description = "Feature regularization lambda_H.")
    double lambdaH;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      print(spec, DeepLinearUfmOptimum.of(classSizes, layers, lambdaW, lambdaH).toJsonMap(), json);
      return 0;
    }
  }

  /** {@code ncv geometry dufm}. */
  @Command(name = "dufm", mixinStandardHelpOptions = true,
      description = {"Deep UFM [DUFM]: the loss of the best deep-neural-collapse (DNC) solution versus the",
          "optimized low-rank triangular-graph / Kneser construction; dnc_optimal is false iff the",
          "construction is strictly better. --save-dir writes the better solution as H1.npy (N x d_1)",
          "and W1.npy..WL.npy."},
      footer = {"", "Example:", "  ncv geometry dufm --k 10 --layers 4 --n 1 --lambda 4e-3 --json"})
  static final class Dufm implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--k", required = true, description = "Number of classes K.")
    int k;
    @Option(names = "--layers", required = true, description = "Number of layers L.")
    int layers;
    @Option(names = "--n", defaultValue = "1", description = "Samples per class (default ${DEFAULT-VALUE}).")
    int n;
    @Option(names = "--lambda", required = true, description = "Regularizer of every weight matrix (and of H_1 unless --lambda-h).")
    double lambda;
    @Option(names = "--lambda-h", description = "Regularizer of the features H_1 (default: --lambda).")
    Double lambdaH;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;
    @Option(names = "--save-dir", paramLabel = "DIR", description = "Write the better solution's matrices as .npy files here.")
    Path saveDir;

    @Override
    public Integer call() {
      if (k > MAX_DUFM_CLASSES || layers > MAX_DUFM_DEPTH || (long) k * n > MAX_DUFM_SAMPLES) {
        throw InvalidInputException.of("K = %d, L = %d, n = %d is too large for ncv geometry dufm (at most K = %d,"
            + " L = %d, K n = %d)", k, layers, n, MAX_DUFM_CLASSES, MAX_DUFM_DEPTH, MAX_DUFM_SAMPLES);
      }
      double[] ls = new double[layers < 1 ? 1 : layers + 1];
      java.util.Arrays.fill(ls, lambda);
      if (lambdaH != null) {
        ls[ls.length - 1] = lambdaH;
      }
      DufmParameters p = layers < 1 ? DufmParameters.uniform(k, layers, n, lambda) : DufmParameters.of(k, layers, n, ls);
      SaveDir out = saveDir == null ? null : SaveDir.open(saveDir);
      RegimeComparison c;
      try {
        c = DeepUfmRegime.defaults().compare(p);
      } catch (RuntimeException e) {
        if (out != null) {
          out.abandon();
        }
        throw e;
      }
      if (out != null) {
        out.writeAll(c.bestPoint().toNamedMatrices());
      }
      print(spec, c.toJsonMap(), json);
      return 0;
    }
  }

  /** Largest K of {@code geometry seli}: its SVD is dense K x K (K = 1000 takes about 25 s). */
  static final int MAX_SELI_CLASSES = 1000;
  /** Largest K of {@code geometry dufm} (the construction search grows fast with K: K = 60 takes seconds). */
  static final int MAX_DUFM_CLASSES = 100;
  /** Largest depth L of {@code geometry dufm}. */
  static final int MAX_DUFM_DEPTH = 10_000;
  /** Largest number of samples K n of {@code geometry dufm}. */
  static final long MAX_DUFM_SAMPLES = 1_000_000;
}
