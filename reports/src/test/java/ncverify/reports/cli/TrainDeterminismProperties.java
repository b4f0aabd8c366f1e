package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyContext;
import ncverify.properties.engine.junit.ForAll;
import ncverify.properties.engine.junit.Property;
import ncverify.reports.json.Json;
import org.junit.jupiter.api.io.TempDir;

/**
 * Determinism through the command line (docs/quality/determinism.md): {@code ncv train --json} run
 * twice with the same arguments prints the same JSON apart from the {@code timing} block, and its
 * {@code --save-dir} files are byte-identical; for every model, GD and mini-batch SGD with momentum.
 */
class TrainDeterminismProperties {

  static final List<String> MODELS = List.of("ufm", "mlp", "deep-linear", "dufm", "cnn", "resnet");

  Gen<List<String>> trainArgs() {
    return s -> {
      String model = Gen.elements(MODELS).generate(s);
      List<String> a = new ArrayList<>(List.of("train", "--model", model, "--json", "--quiet"));
      int k = Gen.integers(2, 4).generate(s);
      List<String> sizes = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        sizes.add(String.valueOf(Gen.integers(1, 6).generate(s)));
      }
      a.addAll(List.of("--class-sizes", String.join(",", sizes)));
      a.addAll(List.of("--dim", String.valueOf(Gen.integers(2, 6).generate(s))));
      a.addAll(List.of("--width", String.valueOf(Gen.integers(2, 8).generate(s))));
      a.addAll(List.of("--epochs", String.valueOf(Gen.integers(1, 30).generate(s))));
      a.addAll(List.of("--seed", String.valueOf(Gen.integers(0, 1000).generate(s))));
      if (model.equals("cnn") || model.equals("resnet")) {
        a.addAll(List.of("--image", "1x4x4", "--channels", "2", "--head-width", "3"));
      }
      if (!model.equals("ufm")) {
        a.addAll(List.of("--layers", String.valueOf(Gen.integers(1, 3).generate(s))));
      }
      if (Gen.booleans().generate(s)) {
        a.addAll(List.of("--batch", String.valueOf(Gen.integers(1, 4).generate(s)), "--momentum", "0.9"));
      }
      return List.copyOf(a);
    };
  }

  @Property(tries = 25)
  void sameArgumentsGiveTheSameJsonAndTheSameFiles(@ForAll("trainArgs") List<String> args, @TempDir Path dir)
      throws IOException {
    PropertyContext.label(args.get(2));
    Path d1 = dir.resolve("run1");
    Path d2 = dir.resolve("run2");
    CliRun a = run(args, d1);
    CliRun b = run(args, d2);
    assertThat(b.code()).as(b.err()).isEqualTo(a.code());
    if (a.code() != 0) {
      PropertyContext.label("exit " + a.code());
      assertThat(b.err()).isEqualTo(a.err());
      return;
    }
    assertThat(withoutTiming(b.out())).isEqualTo(withoutTiming(a.out()));
    List<String> names;
    try (Stream<Path> s = Files.list(d1)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).contains("H.npy", "W.npy", "y.npy");
    for (String n : names) {
      assertThat(Files.readAllBytes(d2.resolve(n))).as(n).isEqualTo(Files.readAllBytes(d1.resolve(n)));
    }
  }

  static CliRun run(List<String> args, Path saveDir) {
    List<String> a = new ArrayList<>(args);
    a.addAll(List.of("--save-dir", saveDir.toString()));
    return CliRun.of(a.toArray(String[]::new));
  }

  static String withoutTiming(String json) throws IOException {
    JsonNode n = Json.mapper().readTree(json);
    ((ObjectNode) n).remove("timing");
    return Json.write(n);
  }
}
