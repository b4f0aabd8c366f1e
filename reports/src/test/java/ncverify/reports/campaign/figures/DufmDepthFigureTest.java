package ncverify.reports.campaign.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DufmDepthFigure}: the lambda-window series shows what {@code dufm.lambda_window} judges (docs/theory.md
 * section 4.4: for K = 6 a window exists from L = 4 on, not at L = 3), and the figure is written with its
 * caption.
 */
class DufmDepthFigureTest {

  @Test
  void theWindowSeriesIsBelowOneHalfExactlyWhereTheWindowExists() {
    DufmDepthFigure.Data d = DufmDepthFigure.compute(5, 0, 10, 1);
    assertThat(d.depths()).containsExactly(1, 2, 3, 4, 5);
    for (int i = 0; i < d.depths().size(); i++) {
      int depth = d.depths().get(i);
      Double w = d.lowRankAtCollapse().get(i);
      if (depth >= 4) {
        assertThat(w).as("construction at the DNC collapse, L = %d", depth).isNotNull().isLessThan(0.5);
      } else {
        assertThat(w == null || w >= 0.5).as("no window at L = %d (%s)", depth, w).isTrue();
      }
    }
    assertThat(DufmDepthFigure.windowDepths(d)).isEqualTo("4, 5");
  }

  @Test
  void theFigureIsWrittenWithTheWindowInItsCaption(@TempDir Path dir) throws Exception {
    Figure f = DufmDepthFigure.write(dir, true, 1);
    assertThat(Files.exists(dir.resolve("dufm_depth.png"))).isTrue();
    assertThat(f.caption()).contains("dufm.lambda_window").contains("0.74");
  }
}
