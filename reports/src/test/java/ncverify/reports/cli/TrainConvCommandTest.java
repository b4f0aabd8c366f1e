package ncverify.reports.cli;

import static ncverify.reports.cli.TrainCommandTest.json;
import static ncverify.reports.cli.TrainCommandTest.keys;
import static ncverify.reports.cli.TrainCommandTest.sq;
import static ncverify.reports.cli.TrainCommandTest.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import ncverify.reports.io.ArrayFiles;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncv train --model cnn|resnet}: keys, saved files, the objective from the saved files, bad flags. */
class TrainConvCommandTest {

  @TempDir
  Path dir;

  /** A tiny cnn on 1 x 6 x 6 class templates: conv 3x3-3 + maxpool, fc 6, head 4 -> K; it fits them at lr 0.01. */
  static final String[] TINY_CNN = {"train", "--model", "cnn", "--class-sizes", "6,6,4", "--image", "1x6x6",
      "--channels", "3", "--width", "6", "--head-width", "4", "--epochs", "20", "--batch", "5", "--lr", "0.01", "--quiet"};

  @Test
  void jsonNamesTheNetworkAndTheJswmAssumptionsOfItsHead() throws IOException {
    JsonNode j = json(CliRun.of(with(TINY_CNN, "--json")));
    JsonNode c = j.get("config");
    assertThat(c.get("architecture").asText()).isEqualTo("cnn(conv3x3-3/p1 maxpool2 fc6 relu, head L2=2 [4])");
    assertThat(c.get("family").asText()).isEqualTo("cnn");
    assertThat(c.get("image_shape").asText()).isEqualTo("1x6x6");
    assertThat(c.get("layers_summary").size()).isEqualTo(5);
    assertThat(c.get("momentum").asDouble()).isEqualTo(0.9);
    assertThat(c.get("normalization").asText()).isEqualTo("mean");
    assertThat(c.get("nonlinear_layers").asInt()).isEqualTo(1);
    assertThat(keys(j.get("assumptions"))).contains("eps1", "eps2", "r", "kappa_A", "ntk_op");
    assertThat(j.get("assumptions").get("L2").asInt()).isEqualTo(2);
    assertThat(j.get("metrics").has("balancedness")).isTrue();
    assertThat(j.get("objective").asText()).contains("(1/N) (1/2)||Z_L - Y||^2").contains("||K||^2");
  }

  /**
   * final_loss = (1/(2N))||W_3 H - Y||^2 + (wd/2)(||K_1||^2 + ||W_1||^2 + ||W_2||^2 + ||W_3||^2) from the
   * saved penultimate features, head and kernels, and H = W_2 X with X the saved features entering the head.
   */
  @Test
  void finalLossIsTheObjectiveOfTheSavedMatrices() throws IOException {
    double wd = 0.01;
    JsonNode j = json(CliRun.of(with(TINY_CNN, "--json", "--weight-decay", Double.toString(wd), "--save-dir",
        dir.toString())));
    DMatrixRMaj h = ArrayFiles.features(dir.resolve("H.npy"));
    int[] y = ArrayFiles.labels(dir.resolve("y.npy"));
    DMatrixRMaj k1 = ArrayFiles.matrix(dir.resolve("K1.npy"), "K1");
    DMatrixRMaj w1 = ArrayFiles.matrix(dir.resolve("W1.npy"), "W1");
    DMatrixRMaj w2 = ArrayFiles.matrix(dir.resolve("W2.npy"), "W2");
    DMatrixRMaj w3 = ArrayFiles.matrix(dir.resolve("W3.npy"), "W3");
    assertThat(k1.numRows).isEqualTo(3);
    assertThat(k1.numCols).isEqualTo(9);
    assertThat(w1.numCols).isEqualTo(3 * 3 * 3);
    assertThat(h.numRows).isEqualTo(4);
    DMatrixRMaj z = CommonOps_DDRM.mult(w3, h, null);
    double data = 0;
    for (int i = 0; i < y.length; i++) {
      for (int c = 0; c < 3; c++) {
        double e = z.get(c, i) - (y[i] == c ? 1 : 0);
        data += e * e;
      }
    }
    double expected = data / (2.0 * y.length) + wd / 2 * (sq(k1) + sq(w1) + sq(w2) + sq(w3));
    assertThat(j.get("final_loss").asDouble()).isCloseTo(expected, within(TrainCommandTest.REL_TOL * expected));
    // X.npy holds the features entering the linear head (the fc layer's output): H = W_2 X
    DMatrixRMaj x = ArrayFiles.features(dir.resolve("X.npy"));
    assertThat(x.numRows).isEqualTo(6);
    DMatrixRMaj w2x = CommonOps_DDRM.mult(w2, x, null);
    for (int i = 0; i < h.getNumElements(); i++) {
      assertThat(h.get(i)).isCloseTo(w2x.get(i), within(1e-12 * (1 + Math.abs(w2x.get(i)))));
    }
  }

  @Test
  void aResnetTrainsAndIsNamedSo() throws IOException {
    JsonNode j = json(CliRun.of("train", "--model", "resnet", "--class-sizes", "5,5", "--image", "2x6x6",
        "--channels", "2,3", "--width", "4", "--epochs", "3", "--quiet", "--json"));
    assertThat(j.get("config").get("family").asText()).isEqualTo("resnet");
    assertThat(j.get("config").get("architecture").asText())
        .isEqualTo("resnet(conv3x3-2/p1 res-2 res-3/s2 avgpool2 fc4 relu, head L2=2 [64])");
    assertThat(j.get("final_loss").asDouble()).isFinite();
  }

  @Test
  void badConvFlagsGiveOneLineAndExitTwo() {
    String[][] cases = {
        {"train", "--model", "cnn", "--class-sizes", "4,4", "--channels", "0"},
        {"train", "--model", "cnn", "--class-sizes", "4,4", "--channels", "4,x"},
        {"train", "--model", "cnn", "--class-sizes", "4,4", "--image", "1x6"},
        {"train", "--model", "cnn", "--class-sizes", "4,4", "--image", "0x6x6"},
        {"train", "--model", "cnn", "--class-sizes", "4,4", "--image", "1x4x4", "--channels", "2,2,2"},
        {"train", "--model", "cnn", "--class-sizes", "4,4", "--blocks", "2"},
        {"train", "--model", "cnn", "--class-sizes", "4,4", "--head-width", "0"},
        {"train", "--model", "resnet", "--class-sizes", "4,4", "--blocks", "0"},
        {"train", "--model", "mlp", "--class-sizes", "4,4", "--channels", "4"},
        {"train", "--model", "cnn", "--class-sizes", "4,4", "--lambda-w", "0.1"},
    };
    for (String[] c : cases) {
      TrainCommandTest.assertUserError(CliRun.of(with(c, "--quiet", "--epochs", "1")), String.join(" ", c));
    }
  }
}
