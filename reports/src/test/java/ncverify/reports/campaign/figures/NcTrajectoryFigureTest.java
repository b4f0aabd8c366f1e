package ncverify.reports.campaign.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tick labels of the log10 axis, and every computed figure written as a non-empty PNG and SVG. */
class NcTrajectoryFigureTest {

  @Test
  void tickLabelsShowTheValuesNotTheirLogarithms() {
    assertThat(NcTrajectoryFigure.tickLabel(0)).isEqualTo("1");
    assertThat(NcTrajectoryFigure.tickLabel(-2)).isEqualTo("0.01");
    assertThat(NcTrajectoryFigure.tickLabel(Math.log10(0.25))).isEqualTo("0.25");
    assertThat(NcTrajectoryFigure.tickLabel(-6)).isEqualTo("1e-06");
  }

  @Test
  void figuresAreWrittenAsNonEmptyFiles(@TempDir Path dir) throws Exception {
    List<Figure> figs = List.of(NcTrajectoryFigure.write(dir, true, 7), SeliDistanceFigure.write(dir, true, 7),
        DangNormsFigure.write(dir, true, 7), DufmDepthFigure.write(dir, true, 7));
    for (Figure f : figs) {
      for (String ext : List.of(".png", ".svg")) {
        Path p = dir.resolve(f.stem() + ext);
        assertThat(p).exists();
        assertThat(Files.size(p)).as(p.toString()).isGreaterThan(1000);
      }
      assertThat(f.caption()).isNotBlank();
    }
    assertThat(figs.get(1).caption()).contains("R = 1", "exactly 0");
  }
}
