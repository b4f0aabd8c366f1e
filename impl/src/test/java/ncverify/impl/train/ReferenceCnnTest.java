package ncverify.impl.train;

import static org.assertj.core.api.Assertions.assertThat;

import ncverify.impl.data.Dataset;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.conv.ConvNet;
import ncverify.theory.linalg.blas.NaiveBlas;
import org.junit.jupiter.api.Test;

/** The reference CNN of {@code ncv bench} is the network the issue specifies, and an epoch runs. */
class ReferenceCnnTest {

  @Test
  void theNetworkHasTheSpecifiedShapesAndBiases() {
    Dataset d = ReferenceCnn.data(11, 3L);
    ConvNet net = ReferenceCnn.build(new NaiveBlas(), d, 1L);
    assertThat(net.parameters()).extracting(Parameter::name, Parameter::rows, Parameter::cols).containsExactly(
        org.assertj.core.groups.Tuple.tuple("K1", 16, 9), org.assertj.core.groups.Tuple.tuple("bK1", 16, 1),
        org.assertj.core.groups.Tuple.tuple("K2", 32, 16 * 9), org.assertj.core.groups.Tuple.tuple("bK2", 32, 1),
        org.assertj.core.groups.Tuple.tuple("W1", 128, 32 * 7 * 7), org.assertj.core.groups.Tuple.tuple("b1", 128, 1),
        org.assertj.core.groups.Tuple.tuple("W2", 64, 128), org.assertj.core.groups.Tuple.tuple("W3", 10, 64));
    assertThat(net.featuresEntering(1).numRows).isEqualTo(1568);
  }

  @Test
  void oneEpochOnASmallSetRuns() {
    EpochClock.EpochTiming t = ReferenceCnn.timeOneEpoch(new NaiveBlas(), 25, 1L);
    assertThat(t.steps()).isEqualTo(1);
    assertThat(t.samples()).isEqualTo(25);
    assertThat(t.lastBatchLoss()).isFinite();
  }
}
