package ncverify.impl.train;

import static org.assertj.core.api.Assertions.assertThat;

import ncverify.impl.data.Dataset;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.conv.ConvNet;
import ncverify.theory.linalg.blas.NaiveBlas;
import org.ejml.data.DMatrixRMaj;
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

  /**
   * 25 images are one batch, so the epoch's only batch loss is the MSE (1/(2N))||Z - Y||^2 of the
   * untrained network on all of them (the shuffle does not change it), computed here from the logits.
   */
  @Test
  void oneEpochOnASmallSetRuns() {
    int n = 25;
    EpochClock.EpochTiming t = ReferenceCnn.timeOneEpoch(new NaiveBlas(), n, 1L);
    assertThat(t.steps()).isEqualTo(1);
    assertThat(t.samples()).isEqualTo(n);
    Dataset d = ReferenceCnn.data(n, 1L);
    DMatrixRMaj z = ReferenceCnn.build(new NaiveBlas(), d, 1L).logits();
    double sq = 0;
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < z.numRows; r++) {
        double e = z.get(r, i) - (d.labels()[i] == r ? 1 : 0);
        sq += e * e;
      }
    }
    assertThat(t.lastBatchLoss()).isCloseTo(sq / (2.0 * n), org.assertj.core.data.Offset.offset(1e-12 * (1 + sq)));
  }
}
