package ncverify.reports.campaign.figures;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tick labels of the log10 axis (the files themselves are checked by CampaignCommandTest). */
class NcTrajectoryFigureTest {

  @Test
  void tickLabelsShowTheValuesNotTheirLogarithms() {
    assertThat(NcTrajectoryFigure.tickLabel(0)).isEqualTo("1");
    assertThat(NcTrajectoryFigure.tickLabel(-2)).isEqualTo("0.01");
    assertThat(NcTrajectoryFigure.tickLabel(Math.log10(0.25))).isEqualTo("0.25");
    assertThat(NcTrajectoryFigure.tickLabel(-6)).isEqualTo("1e-06");
  }
}
