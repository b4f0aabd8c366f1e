package ncverify.reports.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ncverify.properties.engine.Gen;

/**
 * The table of {@code ncv} commands the CLI fuzz property drives: each command's path, its options
 * with a generator of plausible values, and what it writes. Values starting with {@code @} are file
 * placeholders that {@link CliFuzzProperties} turns into real (valid or malformed) files.
 *
 * <p><b>Extension point.</b> A new subcommand is fuzzed by adding one entry to {@link #all()}: its
 * path, its options ({@link Opt#value} for an option with a value, {@link Opt#flag} for a switch),
 * a try budget that keeps the whole table under its time budget, and, if it has an output directory
 * option, that option's name and the files a success writes there. TODO after the wave-2 merge:
 * add {@code train} (model/data/lambda/lr/steps/seed/--save-dir), {@code bench}, {@code campaign}
 * and {@code check} with small sizes, as below.
 */
final class FuzzedCommands {

  private FuzzedCommands() {
  }

  /**
   * One option: its name, how often it is given (0..10 in 10; 10 = always), its plausible values
   * (null: a switch) and its absurd values.
   */
  record Opt(String name, int presence, Gen<String> value, List<String> absurd) {
    static Opt value(String name, boolean required, Gen<String> value) {
      return new Opt(name, required ? 9 : 4, value, ABSURD);
    }

    /** Always given, with absurd values that cannot start an unbounded run (no huge valid numbers). */
    static Opt always(String name, Gen<String> value) {
      return new Opt(name, 10, value, BOUNDED_ABSURD);
    }

    static Opt flag(String name) {
      return new Opt(name, 4, null, List.of());
    }

    static Opt alwaysFlag(String name) {
      return new Opt(name, 10, null, List.of());
    }
  }

  /**
   * A command to fuzz.
   *
   * @param variant what this entry varies (one command may have several entries, e.g. per option group)
   * @param path subcommand words, e.g. {@code geometry dufm}
   * @param options its options
   * @param positional generator of positional arguments (may produce an empty list)
   * @param tries tries of the fuzz property for this command
   * @param saveDirOption name of the option naming an output directory, or null
   * @param savedFiles files a successful run writes into that directory, as a function of the argv
   * @param exactFiles whether those are all the files (else at least those)
   */
  record FuzzedCommand(String variant, List<String> path, List<Opt> options, Gen<List<String>> positional, int tries,
      String saveDirOption, java.util.function.Function<List<String>, Set<String>> savedFiles, boolean exactFiles) {
    String name() {
      return (String.join(" ", path) + (variant.isEmpty() ? "" : " (" + variant + ")")).strip();
    }
  }

  /** Values no option should accept (or that are edge cases of every numeric option). */
  static final List<String> ABSURD = List.of("", " ", "-1", "0", "-0", "NaN", "nan", "Infinity", "-Infinity", "1e308",
      "1e-320", "4.9e-324", "2147483647", "2147483648", "-2147483648", "99999999999999999999", "1e3", "0x10", "abc",
      "--json", "1,,2", ",", "1,2,3,4,5,6,7,8,9,10,11,12", "\u00e9\u2028x", "../../etc/passwd", "-", "--", "3.5", "1_000");

  /** {@link #ABSURD} without valid huge numbers, for options (epochs, sizes) where those mean a long valid run. */
  static final List<String> BOUNDED_ABSURD = ABSURD.stream()
      .filter(v -> !v.equals("2147483647") && !v.equals("1,2,3,4,5,6,7,8,9,10,11,12")).toList();

  static Gen<String> ints(int lo, int hi) {
    return Gen.integers(lo, hi).map(String::valueOf);
  }

  static Gen<String> lambdas() {
    return Gen.logDoubles(1e-4, 0.5).map(String::valueOf);
  }

  static Gen<String> classSizes(int maxK, int maxN) {
    return Gen.lists(Gen.integers(1, maxN), 2, maxK).map(l -> String.join(",", l.stream().map(String::valueOf).toList()));
  }

  /** The valid file 7 times in 10 (it is what shrinking reaches), else one of the malformed ones. */
  static Gen<String> files(String valid, String... malformed) {
    Gen<String> bad = Gen.elements(malformed);
    return s -> Gen.integers(0, 9).generate(s) < 7 ? valid : bad.generate(s);
  }

  /** Every command to fuzz (see the class comment to add one). */
  static List<FuzzedCommand> all() {
    List<FuzzedCommand> c = new ArrayList<>();
    Gen<List<String>> none = Gen.constant(List.of());
    c.add(new FuzzedCommand("", List.of("metrics"), List.of(
        Opt.value("--features", true, files("@H", "@H.csv", "@H.fortran", "@H.nan", "@H.inf", "@H.1d", "@H.3d",
            "@H.empty", "@H.short", "@H.int", "@H.f2be", "@random", "@huge", "@missing", "@dir", "@emptyfile", "@text")),
        Opt.value("--labels", true, files("@y", "@y.csv", "@y.float", "@y.frac", "@y.neg", "@y.big", "@y.maxint",
            "@y.gap", "@y.one", "@y.short", "@y.2d", "@random", "@huge", "@missing", "@H")),
        Opt.value("--weights", false, files("@W", "@W.wrong", "@W.nan", "@W.1d", "@random", "@missing")),
        Opt.value("--bias", false, files("@b", "@b.long", "@b.nan", "@W", "@missing")),
        Opt.value("--layers", false, files("@L1,@L2", "@L1", "@L2,@L1", "@L1,@W.wrong", "@L1,,@L2", "@L1,@missing")),
        Opt.value("--classes", false, ints(2, 4)),
        Opt.value("--global-mean", false, Gen.elements("sample", "class-means", "median")),
        Opt.flag("--json")), none, 150, null, null, false));
    c.add(new FuzzedCommand("class sizes", List.of("geometry", "seli"), List.of(
        Opt.value("--class-sizes", true, classSizes(6, 50)),
        Opt.value("--k", false, ints(2, 8)),
        Opt.flag("--json")), none, 60, null, null, false));
    c.add(new FuzzedCommand("step", List.of("geometry", "seli"), List.of(
        Opt.value("--k", true, Gen.elements("4", "2", "8", "5")),
        Opt.value("--R", true, Gen.oneOf(ints(1, 20), Gen.doubles(1, 20).map(String::valueOf))),
        Opt.value("--rho", true, Gen.elements("0.5", "0.25", "0.75", "0.3")),
        Opt.value("--nmin", true, ints(1, 10)),
        Opt.value("--class-sizes", false, classSizes(6, 50)),
        Opt.flag("--json")), none, 60, null, null, false));
    c.add(new FuzzedCommand("", List.of("geometry", "dang"), List.of(
        Opt.value("--class-sizes", true, classSizes(6, 200)),
        Opt.value("--layers", false, ints(1, 6)),
        Opt.value("--lambda-w", true, lambdas()),
        Opt.value("--lambda-h", true, lambdas()),
        Opt.flag("--json")), none, 120, null, null, false));
    c.add(new FuzzedCommand("", List.of("geometry", "dufm"), List.of(
        Opt.value("--k", true, ints(2, 6)),
        Opt.value("--layers", true, ints(1, 4)),
        Opt.value("--n", false, ints(1, 3)),
        Opt.value("--lambda", true, lambdas()),
        Opt.value("--lambda-h", false, lambdas()),
        Opt.value("--save-dir", false, files("@out", "@file", "@out/deeper")),
        Opt.flag("--json")), none, 60, "--save-dir", FuzzedCommands::dufmFiles, true));
    c.add(new FuzzedCommand("", List.of("claims"), List.of(
        Opt.value("--paper", false, Gen.elements("JSWM", "seli", "[DLN]", "DUFM", "DUFM2", "XYZ")),
        Opt.flag("--json")),
        Gen.lists(Gen.elements("jswm.thm3.1.nc1", "dln.nc1", "nope", "--help", "", "jswm.thm3.1.nc2"), 0, 3),
        60, null, null, false));
    c.add(new FuzzedCommand("", List.of("geometry"), List.of(Opt.flag("--json")),
        Gen.lists(Gen.elements("seli", "dang", "dufm", "nope", "--help"), 0, 2), 20, null, null, false));
    c.add(new FuzzedCommand("", List.of("train"), List.of(
        Opt.value("--model", true, Gen.elements("mlp", "ufm", "deep-linear", "dufm", "cnn", "vgg")),
        Opt.value("--class-sizes", true, classSizes(4, 8)),
        Opt.always("--epochs", ints(0, 30)),
        Opt.value("--dim", false, ints(1, 6)),
        Opt.value("--layers", false, ints(1, 3)),
        Opt.value("--width", false, ints(1, 8)),
        Opt.value("--nonlinear-layers", false, ints(0, 2)),
        Opt.value("--loss", false, Gen.elements("mse", "ce", "hinge")),
        Opt.flag("--bias"),
        Opt.value("--lr", false, Gen.logDoubles(1e-4, 2).map(String::valueOf)),
        Opt.value("--momentum", false, Gen.elements("0", "0.5", "0.9", "1")),
        Opt.value("--batch", false, Gen.elements("full", "1", "3", "8", "half")),
        Opt.value("--weight-decay", false, lambdas()),
        Opt.value("--lambda-w", false, lambdas()),
        Opt.value("--lambda-h", false, lambdas()),
        Opt.value("--seed", false, ints(0, 100)),
        Opt.value("--data", false, Gen.elements("gaussian", "fashion-mnist", "cifar")),
        Opt.value("--data-dir", false, files("@dir", "@missing", "@file")),
        Opt.value("--separation", false, Gen.doubles(0, 6).map(String::valueOf)),
        Opt.value("--noise", false, Gen.doubles(0, 2).map(String::valueOf)),
        Opt.value("--log-every", false, ints(1, 10)),
        Opt.value("--channels", false, Gen.elements("2", "2,3", "0", "x", "2,2,2,2")),
        Opt.value("--image", false, Gen.elements("1x6x6", "2x5x7", "1x2x2", "0x3x3", "6x6")),
        Opt.value("--head-width", false, ints(0, 5)),
        Opt.value("--save-dir", false, files("@out", "@file", "@out/deeper")),
        Opt.flag("--json"),
        Opt.alwaysFlag("--quiet")), none, 100, "--save-dir", argv -> Set.of("H.npy", "y.npy", "W.npy", "W1.npy"), false));
    c.add(new FuzzedCommand("mostly valid", List.of("train"), List.of(
        Opt.value("--model", true, Gen.elements("ufm", "mlp", "deep-linear", "dufm")),
        Opt.value("--class-sizes", true, classSizes(3, 6)),
        Opt.always("--epochs", ints(0, 20)),
        Opt.value("--dim", false, ints(1, 5)),
        Opt.value("--width", false, ints(1, 6)),
        Opt.value("--seed", false, ints(0, 100)),
        Opt.value("--save-dir", false, files("@out", "@file")),
        Opt.flag("--json"),
        Opt.alwaysFlag("--quiet")), none, 40, "--save-dir", argv -> Set.of("H.npy", "y.npy", "W.npy", "W1.npy"), false));
    c.add(new FuzzedCommand("quick", List.of("bench"), List.of(
        Opt.alwaysFlag("--quick"),
        Opt.always("--sizes", Gen.elements("8", "8,16", "4")),
        Opt.always("--samples", ints(1, 32)),
        Opt.always("--cnn-images", ints(0, 12)),
        Opt.value("--backend", false, Gen.elements("java", "naive", "native", "gpu")),
        Opt.flag("--json")), none, 15, null, null, false));
    c.add(new FuzzedCommand("top level", List.of(), List.of(Opt.flag("--version"), Opt.flag("--help")),
        Gen.lists(Gen.elements("help", "metrics", "nope", "-", "--", "", "claims", "--json"), 0, 2), 20, null, null,
        false));
    c.add(new FuzzedCommand("", List.of("check"), List.of(
        Opt.value("--features", true, files("@H", "@H.nan", "@H.short", "@random", "@missing", "@text")),
        Opt.value("--labels", true, files("@y", "@y.big", "@y.one", "@random", "@missing")),
        Opt.value("--weights", true, files("@W", "@W.wrong", "@W.nan", "@missing")),
        Opt.value("--layers", false, files("@L1,@L2", "@L1,@W.wrong", "@L1,,@L2", "@L1,@missing")),
        Opt.value("--pre-linear-features", false, files("@H", "@H.nan", "@H.short", "@missing")),
        Opt.value("--lambda-w", false, lambdas()),
        Opt.value("--lambda-h", false, lambdas()),
        Opt.value("--loss", false, Gen.elements("mse", "ce", "hinge")),
        Opt.value("--lr", false, lambdas()),
        Opt.flag("--json")), none, 60, null, null, false));
    c.add(new FuzzedCommand("quick", List.of("campaign"), List.of(
        Opt.alwaysFlag("--quick"),
        Opt.alwaysFlag("--no-figures"),
        Opt.always("--only", Gen.elements("dln.deep-linear-ufm", "dufm.dnc_not_optimal", "nope", "")),
        Opt.always("--tries", ints(1, 2)),
        Opt.value("--seed", false, Gen.elements("1", "random", "-5", "x")),
        Opt.value("--threads", false, ints(1, 2)),
        Opt.value("--data", false, Gen.elements("fashion-mnist", "cifar")),
        Opt.always("--out", files("@out", "@file", "@out/deeper"))), none, 8, "--out",
        argv -> Set.of("ledger.json", "ledger.md", "index.html"), false));
    return List.copyOf(c);
  }

  /** {@code geometry dufm --save-dir} writes H1.npy and W1.npy..WL.npy. */
  static Set<String> dufmFiles(List<String> argv) {
    int layers = Integer.decode(argv.get(argv.indexOf("--layers") + 1));
    Set<String> s = new java.util.TreeSet<>();
    s.add("H1.npy");
    for (int l = 1; l <= layers; l++) {
      s.add("W" + l + ".npy");
    }
    return s;
  }
}
