package ncverify.reports.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import ncverify.theory.linalg.blas.BlockedJavaBlas;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.FashionMnist;
import ncverify.impl.data.GaussianMixture;
import ncverify.impl.data.ImageShape;
import ncverify.impl.data.ImageTemplates;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.impl.model.DeepUfm;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.Model;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.Ufm;
import ncverify.impl.model.conv.ConvArchitecture;
import ncverify.impl.model.conv.ConvNet;
import ncverify.impl.optim.LrSchedule;
import ncverify.impl.train.NcMetricsProbe;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.TrainResult;
import ncverify.impl.train.Trainer;
import ncverify.impl.train.TrajectoryPoint;
import ncverify.reports.io.NpyWriter;
import ncverify.reports.json.Json;
import ncverify.theory.InvalidInputException;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.NcMetrics;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncv train}: trains one of the papers' models (the [JSWM] MLP, the [SELI] UFM, the [DLN]
 * deep linear UFM, the [DUFM] deep UFM) with (S)GD and weight decay, records the NC trajectory
 * ({@link NcMetricsProbe}) and reports the final objective exactly as docs/theory.md writes it for the
 * model, the NC metrics of docs/theory.md section 1 on the penultimate features, the quantities the claims
 * need ({@link TrainAssumptions}) and the full configuration. Same seed, same backend and thread count
 * give the same JSON except for the {@code timing} object.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Train a model of the papers and measure neural collapse on it.",
        "  mlp          [JSWM] ReLU backbone + linear head, (1/2)||Z-Y||^2 + (wd/2) sum",
        "               ||W_l||^2",
        "  ufm          [SELI] free H, W: CE (sum) or MSE (mean) + lambda_W, lambda_H",
        "               ridges",
        "  deep-linear  [DLN] (1/(2N))||W_M..W_1 H - Y||^2 + lambda_W, lambda_H ridges",
        "  dufm         [DUFM] as deep-linear with ReLU between the layers",
        "  cnn          [JSWM] conv 3x3 + max-pool stages, ReLU dense layers, linear",
        "               head; (1/N) MSE + wd",
        "  resnet       [JSWM] as cnn with residual blocks (identity or 1x1 projection",
        "               skips), no batch norm"},
    footer = {"", "Examples:",
        "  ncv train --model deep-linear --class-sizes 20,20,20,20 --dim 8 \\",
        "      --layers 3 --width 16 --lambda-w 1e-3 --lambda-h 1e-3 --epochs 3000 \\",
        "      --json --save-dir run1",
        "  # the reference CNN on 6,000 Fashion-MNIST images: training error 0.15%%",
        "  # after the default 40 epochs (below 1%% from epoch 28)",
        "  ncv train --model cnn --data fashion-mnist \\",
        "      --class-sizes 600,600,600,600,600,600,600,600,600,600 --save-dir run2"})
public final class TrainCommand implements Callable<Integer> {

  /** The accepted --model values. */
  static final String[] MODELS = {"mlp", "ufm", "deep-linear", "dufm", "cnn", "resnet"};

  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "mlp, ufm, deep-linear, dufm, cnn or resnet.")
  String model;

  @Option(names = "--class-sizes", required = true, paramLabel = "N0,N1,...",
      description = "Samples per class, e.g. 100,100,10,10 (K >= 2, each >= 1).")
  String classSizes;

  @Option(names = "--dim", paramLabel = "D", defaultValue = "32",
      description = "Input dimension of the Gaussian data (mlp) or feature dimension d (ufm family). Default ${DEFAULT-VALUE}.")
  int dim;

  @Option(names = "--layers", paramLabel = "L",
      description = "Linear layers: the head of the mlp, cnn, resnet (default 2), M of deep-linear (default 3), L of dufm (default 3); ufm: 1.")
  Integer layers;

  @Option(names = "--width", paramLabel = "W",
      description = "Width of the hidden layers (mlp default 64; cnn/resnet: the dense ReLU layers, default 128; deep-linear/dufm default --dim).")
  Integer width;

  @Option(names = "--nonlinear-layers", paramLabel = "L1",
      description = "mlp: number of ReLU layers before the linear head (default 2); cnn/resnet: dense ReLU layers after the convolutions (default 1).")
  Integer nonlinearLayers;

  @Option(names = "--loss", paramLabel = "LOSS", description = "mse or ce (default mse; ufm default ce).")
  String loss;

  @Option(names = "--bias", description = "Unregularized biases in every layer.")
  boolean bias;

  @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate (default: mlp 1e-4, cnn/resnet 0.1, others 0.5).")
  Double lr;

  @Option(names = "--momentum", paramLabel = "MU", description = "Heavy-ball momentum in [0, 1). Default 0 (cnn/resnet 0.9).")
  Double momentum;

  @Option(names = "--batch", paramLabel = "full|B", description = "full (GD) or a mini-batch size. Default full (cnn/resnet 128).")
  String batch;

  @Option(names = "--weight-decay", paramLabel = "LAMBDA", description = "mlp, cnn, resnet: weight decay on every W_l and kernel (default mlp 1e-3, cnn/resnet 1e-4).")
  Double weightDecay;

  @Option(names = "--lambda-w", paramLabel = "LAMBDA", description = "ufm family: lambda_W on every W (default 5e-3).")
  Double lambdaW;

  @Option(names = "--lambda-h", paramLabel = "LAMBDA", description = "ufm family: lambda_H on the free features (default 5e-3).")
  Double lambdaH;

  @Option(names = "--epochs", paramLabel = "E", description = "Passes over the data. Default 2000 (cnn/resnet 40).")
  Integer epochs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "Seed of data, init and shuffling. Default ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--data", paramLabel = "DATA", defaultValue = "gaussian",
      description = "mlp, cnn, resnet: gaussian (default; cnn/resnet: class-template images, see --image) or fashion-mnist (--class-sizes gives 10 per-class counts).")
  String data;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Fashion-MNIST IDX files (default " + FashionMnist.DEFAULT_DIR + ").")
  Path dataDir;

  @Option(names = "--separation", paramLabel = "S", defaultValue = "4", description = "Gaussian data: distance of the class centres. Default ${DEFAULT-VALUE}.")
  double separation;

  @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "1", description = "Gaussian data: noise std. Default ${DEFAULT-VALUE}.")
  double noise;

  @Option(names = "--log-every", paramLabel = "K", description = "Record a trajectory point every K steps (default: steps/20).")
  Integer logEvery;

  @Option(names = "--save-dir", paramLabel = "DIR", description = "Write H.npy (penultimate features, N x d), y.npy, W.npy (= WL.npy), W1.npy..WL.npy, b.npy (with --bias), "
          + "Z0.npy (free features, ufm family) or X.npy (mlp, cnn, resnet: the features entering the linear head),"
          + " K1.npy.. (convolution kernels, C_out x C_in k^2, cnn/resnet) for ncv metrics and ncv check.")
  Path saveDir;

  @Option(names = "--json", description = "Print one JSON object instead of the summary.")
  boolean json;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Mixin
  ConvOptions convOptions = new ConvOptions();

  /** Most numbers (data, features, weights and their gradients) a run may hold: 2^27 doubles, 1 GiB. */
  static final double MAX_ENTRIES = 1 << 27;

  /**
   * Refuses, before anything is allocated, a run whose data and parameters would not fit: about
   * N max(d, width) numbers per layer for features and activations and max(d, width) width per weight.
   */
  private void checkSize(int n, int hidden, double layerCount) {
    double wide = Math.max(dim, hidden);
    double entries = n * wide * (layerCount + 2.0) + hidden * wide * (layerCount + 1.0);
    if (entries > MAX_ENTRIES) {
      throw InvalidInputException.of("N = %d samples, --dim %d, width %d and %d layers would hold about %.3g numbers,"
          + " more than %.3g; reduce the sizes", n, dim, hidden, (long) layerCount, entries, MAX_ENTRIES);
    }
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    String kind = checkModel(model);
    ClassSizes sizes = classSizes();
    boolean mlp = kind.equals("mlp");
    boolean conv = ConvOptions.isConv(kind);
    boolean onData = mlp || conv;
    checkRegularizerFlags(onData);
    convOptions.checkUnused(kind);
    double eta = lr != null ? lr : mlp ? 1e-4 : conv ? 0.1 : 0.5;
    requirePositive("--lr", eta);
    double wd = weightDecay != null ? weightDecay : conv ? 1e-4 : 1e-3;
    // the defaults that depend on the model, resolved once (config reports these fields)
    momentum = momentum != null ? momentum : conv ? 0.9 : 0.0;
    epochs = epochs != null ? epochs : conv ? 40 : 2000;
    nonlinearLayers = nonlinearLayers != null ? nonlinearLayers : conv ? 1 : 2;
    double lw = lambdaW != null ? lambdaW : 5e-3;
    double lh = lambdaH != null ? lambdaH : 5e-3;
    requireNonNegative("--weight-decay", wd);
    requireNonNegative("--lambda-w", lw);
    requireNonNegative("--lambda-h", lh);
    if (!(momentum >= 0 && momentum < 1)) {
      throw InvalidInputException.of("--momentum must be in [0, 1), got %s", momentum);
    }
    if (epochs < 0) {
      throw InvalidInputException.of("--epochs must be >= 0, got %d", epochs);
    }
    if (dim < 1) {
      throw InvalidInputException.of("--dim must be >= 1, got %d", dim);
    }
    if (width != null && width < 1) {
      throw InvalidInputException.of("--width must be >= 1, got %d", width);
    }
    int depth = layers != null ? layers : switch (kind) {
      case "mlp", "cnn", "resnet" -> 2;
      case "ufm" -> 1;
      default -> 3;
    };
    if (depth < 1 || (kind.equals("ufm") && depth != 1)) {
      throw InvalidInputException.of("--layers %d is not valid for %s (%s)", depth, kind,
          kind.equals("ufm") ? "the UFM has exactly one layer; use deep-linear or dufm for more" : "need >= 1");
    }
    if (onData && nonlinearLayers < 0) {
      throw InvalidInputException.of("--nonlinear-layers must be >= 0, got %d", nonlinearLayers);
    }
    if (!data.equals("gaussian") && !data.equals("fashion-mnist")) {
      throw InvalidInputException.of("--data must be gaussian or fashion-mnist, got '%s'", data);
    }
    if (!onData && (data.equals("fashion-mnist") || dataDir != null)) {
      throw InvalidInputException.of("--data applies to mlp, cnn and resnet; %s trains free features", kind);
    }
    boolean mse = lossName(kind).equals("mse");
    int batchSize = parseBatch(batch != null ? batch : conv ? "128" : "full");
    Blas blas = Backends.best();

    int hidden = width != null ? width : mlp ? 64 : conv ? ConvOptions.DEFAULT_WIDTH : dim;
    ImageShape shape = conv ? convOptions.imageShape(data.equals("fashion-mnist")) : null;
    ConvArchitecture arch = conv ? convOptions.architecture(kind, nonlinearLayers, hidden, depth) : null;
    if (conv) {
      checkSize(sizes.total(), shape.size());
    } else {
      checkSize(sizes.total(), hidden, (double) depth + (mlp ? nonlinearLayers : 0));
    }
    Dataset ds = onData ? dataset(sizes, shape) : null;
    int[] labels = onData ? ds.labels() : sizes.sortedLabels();
    int k = sizes.k();
    Model m = conv ? ConvNet.builder(ds, shape).architecture(arch).blas(blas).bias(bias)
        .loss(mse ? Loss.mse() : Loss.crossEntropy()).normalization(Normalization.MEAN).lambda(wd).initScale(convOptions.initScale()).seed(seed).build()
        : build(kind, blas, ds, labels, k, depth, hidden, mse, wd, lw, lh);
    int n = labels.length;
    TrainConfig base = new TrainConfig(seed, 0, batchSize, eta, momentum, LrSchedule.constant(), 0, false,
        TrainConfig.DEFAULT_MAX_PARAM_NORM);
    long stepsLong = (long) epochs * base.stepsPerEpoch(n);
    if (stepsLong > Integer.MAX_VALUE) {
      throw InvalidInputException.of("--epochs %d gives %d steps, more than %d", epochs, stepsLong, Integer.MAX_VALUE);
    }
    int steps = (int) stepsLong;
    int every = logEvery != null ? logEvery : Math.max(1, steps / 20);
    if (every < 1) {
      throw InvalidInputException.of("--log-every must be >= 1, got %d", every);
    }
    TrainConfig cfg = new TrainConfig(seed, steps, batchSize, eta, momentum, LrSchedule.constant(), every, false,
        TrainConfig.DEFAULT_MAX_PARAM_NORM);

    PrintWriter err = spec.commandLine().getErr();
    SaveDir saved = saveDir == null ? null : SaveDir.open(saveDir); // checked before a long run, not after
    long trainStart = System.nanoTime();
    TrainResult result;
    try (TrainProgress progress = new TrainProgress(new NcMetricsProbe(), steps, every, err, quiet,
        System.console() != null)) {
      result = new Trainer(cfg, progress).train(m);
    } catch (RuntimeException e) {
      if (saved != null) {
        saved.abandon();
      }
      throw e;
    }
    double trainSeconds = (System.nanoTime() - trainStart) * 1e-9;

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", kind);
    out.put("objective", m.objectiveFormula());
    out.put("final_loss", result.finalLoss());
    out.put("final_data_loss", result.finalDataLoss());
    out.put("train_error", result.trainError());
    out.put("steps", result.steps());
    out.put("metrics", metrics(m));
    Normalization norm = normalization(kind, mse);
    out.put("assumptions", TrainAssumptions.of(kind, m, mse, bias, norm, onData ? wd : lw, onData ? 0.0 : lh, eta));
    Map<String, Object> config = config(kind, sizes, depth, hidden, mse, norm, eta, batchSize, wd, lw, lh, steps,
        every, blas, onData ? ds.name() : "free features");
    if (conv) {
      config.putAll(ConvOptions.config((ConvNet) m));
    }
    out.put("config", config);
    out.put("trajectory", trajectory(result.trajectory()));
    if (saved != null) {
      save(saved, m, labels);
    }
    Map<String, Object> timing = new LinkedHashMap<>();
    timing.put("train_seconds", trainSeconds);
    timing.put("total_seconds", (System.nanoTime() - start) * 1e-9);
    out.put("timing", timing);

    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.println(Json.write(out));
    } else {
      o.print(summary(out));
    }
    o.flush();
    return 0;
  }

  static String checkModel(String name) {
    for (String s : MODELS) {
      if (s.equals(name)) {
        return s;
      }
    }
    throw InvalidInputException.of("unknown model '%s': use mlp, ufm, deep-linear, dufm, cnn or resnet", name);
  }

  private ClassSizes classSizes() {
    String[] parts = classSizes.split(",", -1);
    int[] sizes = new int[parts.length];
    for (int c = 0; c < parts.length; c++) {
      try {
        sizes[c] = Integer.parseInt(parts[c].trim());
      } catch (NumberFormatException e) {
        throw InvalidInputException.of("--class-sizes: '%s' is not a sample count (expected e.g. 100,100,10,10)",
            parts[c]);
      }
    }
    if (sizes.length < 2) {
      throw InvalidInputException.of("--class-sizes needs K >= 2 classes, got %d", sizes.length);
    }
    for (int c = 0; c < sizes.length; c++) {
      if (sizes[c] < 1) {
        throw InvalidInputException.of("--class-sizes: class %d has %d samples, every class needs >= 1", c,
            sizes[c]);
      }
    }
    return ClassSizes.of(sizes);
  }

  private void checkRegularizerFlags(boolean onData) {
    if (onData && (lambdaW != null || lambdaH != null)) {
      throw new InvalidInputException("--lambda-w/--lambda-h are the UFM regularizers; mlp, cnn and resnet use --weight-decay");
    }
    if (!onData && weightDecay != null) {
      throw new InvalidInputException("--weight-decay is for mlp, cnn and resnet; the ufm family uses --lambda-w and --lambda-h");
    }
  }

  private static void requirePositive(String flag, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw InvalidInputException.of("%s must be a finite value > 0, got %s", flag, v);
    }
  }

  private static void requireNonNegative(String flag, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw InvalidInputException.of("%s must be a finite value >= 0, got %s", flag, v);
    }
  }

  private String lossName(String kind) {
    String l = loss != null ? loss : kind.equals("ufm") ? "ce" : "mse";
    if (!l.equals("mse") && !l.equals("ce")) {
      throw InvalidInputException.of("--loss must be mse or ce, got '%s'", l);
    }
    return l;
  }

  /**
   * The data-term normalization each model uses by default (docs/theory.md): sum for mlp and CE-UFM,
   * else mean (cnn/resnet: mean, as image classifiers are trained, so that the learning rate does not
   * scale with N).
   */
  static Normalization normalization(String kind, boolean mse) {
    return switch (kind) {
      case "mlp" -> Normalization.SUM;
      case "ufm" -> mse ? Normalization.MEAN : Normalization.SUM;
      default -> Normalization.MEAN;
    };
  }

  static int parseBatch(String s) {
    if (s.equals("full")) {
      return 0;
    }
    try {
      int b = Integer.parseInt(s);
      if (b >= 1) {
        return b;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InvalidInputException.of("--batch must be 'full' or a size >= 1, got '%s'", s);
  }

  /** The training data: Fashion-MNIST, class-template images (cnn/resnet, shape given) or a Gaussian mixture. */
  private Dataset dataset(ClassSizes sizes, ImageShape shape) {
    if (data.equals("fashion-mnist")) {
      FashionMnist fm = dataDir == null ? new FashionMnist() : new FashionMnist(dataDir);
      return fm.load(FashionMnist.Split.TRAIN, sizes, seed);
    }
    if (shape != null) {
      return new ImageTemplates(shape, separation, noise, sizes, seed).generate();
    }
    return new GaussianMixture(dim, separation, noise, sizes, seed).generate();
  }

  /** A convolutional run holds X and its transpose; the kernels and the chunked workspace are small. */
  private static void checkSize(int n, int d) {
    double entries = 2.0 * n * d;
    if (entries > MAX_ENTRIES) {
      throw InvalidInputException.of("N = %d images of %d pixels would hold about %.3g numbers, more than %.3g;"
          + " train on fewer images", n, d, entries, MAX_ENTRIES);
    }
  }

  private Model build(String kind, Blas blas, Dataset ds, int[] labels, int k, int depth, int hidden, boolean mse,
      double wd, double lw, double lh) {
    Loss l = mse ? Loss.mse() : Loss.crossEntropy();
    int[] hiddenWidths = new int[depth - 1];
    Arrays.fill(hiddenWidths, hidden);
    switch (kind) {
      case "mlp": {
        int[] nonlinear = new int[nonlinearLayers];
        Arrays.fill(nonlinear, hidden);
        return Mlp.builder(ds.x(), labels, k).blas(blas).nonlinearWidths(nonlinear).linearHiddenWidths(hiddenWidths)
            .bias(bias).loss(l).normalization(Normalization.SUM).lambda(wd).seed(seed).build();
      }
      case "ufm":
        return Ufm.builder(dim, labels, k).blas(blas).bias(bias).loss(l).normalization(normalization(kind, mse))
            .lambdaW(lw).lambdaH(lh).seed(seed).build();
      case "deep-linear":
        return DeepLinearUfm.builder(dim, depth, labels, k).blas(blas).hiddenWidths(hiddenWidths).bias(bias).loss(l)
            .lambdaW(lw).lambdaH(lh).seed(seed).build();
      default: {
        double[] lambdas = new double[depth];
        Arrays.fill(lambdas, lw);
        return DeepUfm.builder(dim, depth, labels, k).blas(blas).hiddenWidths(hiddenWidths).bias(bias).loss(l)
            .layerLambdas(lambdas).lambdaH(lh).seed(seed).build();
      }
    }
  }

  /** NcMetrics on the penultimate features with W_L (and b_L) and the linear head's layers. */
  private static Map<String, Object> metrics(Model m) {
    try {
      int depth = m.depth();
      LabeledFeatures f = new LabeledFeatures(m.penultimateFeatures(), m.labels(), m.numClasses());
      Optional<DMatrixRMaj> b = m.bias(depth);
      List<DMatrixRMaj> head = m.layerWeights().subList(NcMetricsProbe.firstHeadLayer(m) - 1, depth);
      return NcMetrics.measure(f, m.weight(depth), b.map(v -> v.data.clone()).orElse(null),
          new ArrayList<>(head)).toMap();
    } catch (InvalidInputException e) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("undefined", e.getMessage());
      return out;
    }
  }

  private Map<String, Object> config(String kind, ClassSizes sizes, int depth, int hidden, boolean mse,
      Normalization norm, double eta, int batchSize, double wd, double lw, double lh, int steps, int every,
      Blas blas, String dataName) {
    boolean onData = kind.equals("mlp") || ConvOptions.isConv(kind);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("model", kind);
    c.put("class_sizes", sizes.toArray());
    c.put("data", onData ? data : "none (free features)");
    c.put("data_name", dataName);
    if (onData) {
      c.put("data_dir", data.equals("fashion-mnist")
          ? (dataDir == null ? FashionMnist.DEFAULT_DIR : dataDir.toString()) : null);
      if (data.equals("gaussian")) {
        c.put("separation", separation);
        c.put("noise", noise);
      }
    }
    c.put("dim", onData && data.equals("fashion-mnist") ? FashionMnist.DIM : dim);
    c.put("layers", depth);
    if (onData) {
      c.put("nonlinear_layers", nonlinearLayers);
      c.put("activation", "relu");
    }
    c.put("width", kind.equals("ufm") ? null : hidden);
    c.put("loss", mse ? "mse" : "ce");
    c.put("normalization", norm.name().toLowerCase(Locale.ROOT));
    c.put("bias", bias);
    c.put("lr", eta);
    c.put("schedule", "constant");
    c.put("momentum", momentum);
    c.put("batch", batchSize == 0 ? "full" : Integer.toString(batchSize));
    if (onData) {
      c.put("weight_decay", wd);
    } else {
      c.put("lambda_w", lw);
      c.put("lambda_h", lh);
    }
    c.put("epochs", epochs);
    c.put("steps", steps);
    c.put("log_every", every);
    c.put("seed", seed);
    c.put("init", onData ? "he" : "gaussian std 0.1");
    c.put("max_param_norm", TrainConfig.DEFAULT_MAX_PARAM_NORM);
    c.put("backend", blas.name());
    c.put("threads", threads(blas));
    c.put("java_version", System.getProperty("java.version"));
    return c;
  }

  /** Worker threads of the backend: the Java pool size, or OpenBLAS's OPENBLAS_NUM_THREADS / processors. */
  static int threads(Blas blas) {
    if (blas instanceof BlockedJavaBlas j) {
      return j.threads();
    }
    if (blas.name().startsWith("native")) {
      for (String var : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"}) {
        String v = System.getenv(var);
        if (v != null) {
          try {
            return Math.max(1, Integer.parseInt(v.trim()));
          } catch (NumberFormatException e) {
            // ignored: OpenBLAS ignores it too
          }
        }
      }
      return Runtime.getRuntime().availableProcessors();
    }
    return 1;
  }

  private static List<Map<String, Object>> trajectory(List<TrajectoryPoint> points) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TrajectoryPoint p : points) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("step", p.step());
      e.put("epoch", p.epoch());
      e.put("lr", p.lr());
      e.put("loss", p.loss());
      e.put("train_error", p.trainError());
      e.putAll(p.probes());
      out.add(e);
    }
    return out;
  }

  /** Adds features (n x N in memory) as an N x n file, one row per sample. */
  private static void putSamplesByRows(Map<String, SaveDir.FileWriter> files, String name, DMatrixRMaj z) {
    DMatrixRMaj zt = new DMatrixRMaj(z.numCols, z.numRows);
    org.ejml.dense.row.CommonOps_DDRM.transpose(z, zt);
    files.put(name, f -> NpyWriter.writeMatrix(f, zt.data, zt.numRows, zt.numCols));
  }

  /** Writes the run's matrices into {@code out}, all of them or none (see {@link SaveDir}). */
  private static void save(SaveDir out, Model m, int[] labels) {
    Map<String, SaveDir.FileWriter> files = new LinkedHashMap<>();
    DMatrixRMaj h = m.penultimateFeatures();
    DMatrixRMaj ht = new DMatrixRMaj(h.numCols, h.numRows);
    org.ejml.dense.row.CommonOps_DDRM.transpose(h, ht);
    files.put("H.npy", f -> NpyWriter.writeMatrix(f, ht.data, ht.numRows, ht.numCols));
    files.put("y.npy", f -> NpyWriter.writeLabels(f, labels));
    int depth = m.depth();
    if (m instanceof ConvNet net) {
      for (Parameter kernel : net.kernels()) {
        DMatrixRMaj kv = kernel.valueMatrix();
        files.put(kernel.name() + ".npy", f -> NpyWriter.writeMatrix(f, kv.data, kv.numRows, kv.numCols));
      }
    }
    if (!m.name().equals("mlp") && !(m instanceof ConvNet)) {
      putSamplesByRows(files, "Z0.npy", m.featuresEntering(1));
    } else {
      int first = depth; // the first layer of the linear head: every layer from it on has no activation
      while (first > 1 && m.activation(first - 1) == ncverify.impl.model.Activation.IDENTITY) {
        first--;
      }
      putSamplesByRows(files, "X.npy", m.featuresEntering(first));
    }
    for (int l = 1; l <= depth; l++) {
      DMatrixRMaj w = m.weight(l);
      files.put("W" + l + ".npy", f -> NpyWriter.writeMatrix(f, w.data, w.numRows, w.numCols));
      if (l == depth) {
        files.put("W.npy", f -> NpyWriter.writeMatrix(f, w.data, w.numRows, w.numCols));
      }
    }
    Optional<DMatrixRMaj> b = m.bias(depth);
    if (b.isPresent()) {
      files.put("b.npy", f -> NpyWriter.writeVector(f, b.get().data));
    }
    out.writeFiles(files);
  }


  @SuppressWarnings("unchecked")
  private static String summary(Map<String, Object> out) {
    StringBuilder b = new StringBuilder();
    Map<String, Object> cfg = (Map<String, Object>) out.get("config");
    b.append(String.format(Locale.ROOT, "ncv train: %s on %s, K=%d, N=%d, %d steps, backend %s (%s threads), seed %s%n",
        out.get("model"), cfg.get("data_name"), ((int[]) cfg.get("class_sizes")).length,
        Arrays.stream((int[]) cfg.get("class_sizes")).sum(), (Integer) out.get("steps"), cfg.get("backend"),
        cfg.get("threads"), cfg.get("seed")));
    if (cfg.containsKey("architecture")) {
      b.append("network: ").append(cfg.get("architecture")).append('\n');
    }
    b.append("objective: ").append(out.get("objective")).append('\n');
    b.append(String.format(Locale.ROOT, "%-24s %s%n", "final_loss", Tables.format(out.get("final_loss"))));
    b.append(String.format(Locale.ROOT, "%-24s %s%n", "train_error", Tables.format(out.get("train_error"))));
    b.append("\nmetrics (penultimate features):\n");
    b.append(Tables.metrics((Map<String, Object>) out.get("metrics")));
    b.append("\nassumptions:\n");
    b.append(Tables.metrics((Map<String, Object>) out.get("assumptions")));
    Map<String, Object> timing = (Map<String, Object>) out.get("timing");
    b.append(String.format(Locale.ROOT, "%ntrained in %.2f s%n", (Double) timing.get("train_seconds")));
    return b.toString();
  }
}
