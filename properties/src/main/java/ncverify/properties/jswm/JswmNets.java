package ncverify.properties.jswm;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.linalg.blas.Blas;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.data.Dataset;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.Model;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.conv.ConvNet;
import ncverify.impl.train.SharpnessProbe;
import ncverify.properties.gen.ArchitectureGens.MlpShape;
import ncverify.properties.gen.ConvGens.ConvShape;
import org.ejml.data.DMatrixRMaj;

/**
 * Builds and inspects the [JSWM] networks of the studies (docs/theory.md section 5): an {@link Mlp} with L1
 * nonlinear layers and an L2-layer linear head, or a convolutional or residual backbone with its dense
 * layers and head ({@link ConvNet}, section 5.1), MSE with the paper's normalization
 * (1/2)||Z_L - Y||^2 + (lambda/2) sum_l ||W_l||^2 (kernels included), no biases, and a learning rate
 * chosen as a fraction of the GD stability limit 2 / sharpness at initialization.
 */
final class JswmNets {

  /** Power iterations of the sharpness estimate at initialization. */
  static final int SHARPNESS_ITERATIONS = 20;

  private JswmNets() {
  }

  /**
   * The deterministic backend of the studies: tries run on several threads and must give the same
   * numbers for the same seed on any machine.
   */
  static Blas blas() {
    return new NaiveBlas();
  }

  static Mlp build(Dataset data, MlpShape shape, double lambda, double initScale, long seed) {
    return Mlp.builder(data.x(), data.labels(), data.k())
        .blas(blas())
        .nonlinearWidths(shape.nonlinearWidths())
        .linearHiddenWidths(shape.linearHiddenWidths())
        .activation(shape.activation())
        .loss(Loss.mse())
        .normalization(Normalization.SUM)
        .lambda(lambda)
        .initScale(initScale)
        .seed(seed)
        .build();
  }

  /** A convolutional backbone (CNN or ResNet) with the head of {@code conv}, as {@link #build} builds an MLP. */
  static ConvNet buildConv(Dataset data, ConvShape conv, double lambda, double initScale, long seed) {
    return ConvNet.builder(data, conv.input())
        .architecture(conv.arch())
        .blas(blas())
        .loss(Loss.mse())
        .normalization(Normalization.SUM)
        .lambda(lambda)
        .initScale(initScale)
        .seed(seed)
        .build();
  }

  /** Learning rate {@code fraction} x 2 / sharpness of the data term at the current parameters. */
  static double stableLr(Model model, double fraction, long seed) {
    double sharpness = new SharpnessProbe(SHARPNESS_ITERATIONS, seed).topEigenvalue(model);
    return fraction * 2.0 / Math.max(sharpness, 1e-12);
  }

  /**
   * The parameters of W_1..W_L of the {@link Model} view (named "W1".."WL" by {@link Mlp} and {@link ConvNet};
   * a convolutional backbone's kernels are not among them), for their gradients after a backward pass.
   */
  static List<Parameter> layerWeightParameters(Model model) {
    List<Parameter> out = new ArrayList<>();
    for (int l = 1; l <= model.depth(); l++) {
      String name = "W" + l;
      out.add(model.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no parameter " + name + " in " + model.name())));
    }
    return out;
  }

  /** W_{L1+1}..W_L, the linear head. */
  static List<DMatrixRMaj> head(Model model, int l1) {
    List<DMatrixRMaj> all = model.layerWeights();
    return new ArrayList<>(all.subList(l1, all.size()));
  }

  /**
   * The full gradients R_l = G_l + lambda_l W_l of the head layers W_{L1+1}..W_L at the current weights, from
   * the training engine's own backprop and weight decay ({@link Model#objectiveGradient}): what the [JSWM]
   * critical-point claim cross-checks.
   */
  static List<DMatrixRMaj> headFullGradients(Model model, int l1) {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (int l = l1 + 1; l <= model.depth(); l++) {
      out.add(model.objectiveGradient(l));
    }
    return out;
  }
}
