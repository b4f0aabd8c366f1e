package ncverify.theory.claims.jswm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The exact head-NTK norm ({@link HeadNtk}) against two independent computations: the explicit
 * K N x K N Kronecker eigensolve (small N; the implementation it replaced) and the parameter-space
 * Gram J^T J of the head Jacobian (any N: ||Theta||_op = ||J||_op^2 = lambda_max(J^T J), whose blocks are
 * (B_l^T B_l') (x) (Z_{l-1} Z_{l'-1}^T), formed directly from the features).
 */
class HeadNtkTest {

  private static final double REL = 1e-12;

  @Test
  void equalsTheExplicitEigensolveOnSmallCases() {
    for (int depth = 2; depth <= 4; depth++) {
      for (long seed = 0; seed < 4; seed++) {
        int[] widths = new int[depth - 1];
        java.util.Arrays.fill(widths, 4 + (int) seed);
        HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(30 + seed, 3, 4, 14, widths), 0.1, seed);
        if (seed % 2 == 1) {
          c = HeadFixtures.unbalanced(c, 0.5, seed);
        }
        List<DMatrixRMaj> z = JswmQuantities.forward(c.head(), c.zIn());
        double explicit = JswmQuantities.headNtkOpNorm(c.head(), z, c.k(), true);
        double exact = JswmQuantities.headNtkOpNorm(c.head(), z, c.k());
        assertThat(exact).as("L2 = %d, seed %d", depth, seed).isCloseTo(explicit, within(REL * explicit));
        assertThat(exact).isCloseTo(paramGramNorm(c.head(), c.zIn()), within(REL * explicit));
      }
    }
  }

  @Test
  void equalsTheParameterGramOnWideFeatures() {
    Random rnd = new Random(7L);
    for (int depth = 2; depth <= 4; depth++) {
      List<DMatrixRMaj> head = new ArrayList<>();
      int in = 12;
      int[] widths = {9, 7, 6};
      for (int j = 0; j < depth - 1; j++) {
        head.add(HeadFixtures.gaussian(widths[j], in, 0.4, rnd));
        in = widths[j];
      }
      head.add(HeadFixtures.gaussian(4, in, 0.4, rnd));
      DMatrixRMaj zIn = HeadFixtures.gaussian(12, 6000, 1.0, rnd);
      for (int i = 0; i < 6000; i++) {
        zIn.set(11, i, 0.0); // a dead unit: Z_L1 has rank 11
      }
      double exact = HeadNtk.opNorm(head, zIn, 4);
      double oracle = paramGramNorm(head, zIn);
      assertThat(exact).as("L2 = %d", depth).isCloseTo(oracle, within(REL * oracle));
    }
  }

  @Test
  void lanczosEqualsTheDenseKroneckerEigensolve() {
    Random rnd = new Random(11L);
    for (int depth = 3; depth <= 4; depth++) {
      List<DMatrixRMaj> head = new ArrayList<>();
      int in = 100;
      for (int j = 0; j < depth - 1; j++) {
        head.add(HeadFixtures.gaussian(20, in, 0.3, rnd));
        in = 20;
      }
      head.add(HeadFixtures.gaussian(5, in, 0.3, rnd));
      DMatrixRMaj zIn = HeadFixtures.gaussian(100, 600, 1.0, rnd);
      DMatrixRMaj f = HeadNtk.factor(Dense.svd(zIn)); // Z_L1 = F V^T
      List<DMatrixRMaj> p = new ArrayList<>();
      List<DMatrixRMaj> m = new ArrayList<>();
      DMatrixRMaj x = f;
      for (int j = 0; j < depth; j++) {
        m.add(Dense.multTransA(x, x));
        x = Dense.mult(head.get(j), x);
        DMatrixRMaj after = CommonOps_DDRM.identity(5);
        for (int t = depth - 1; t > j; t--) {
          after = Dense.mult(after, head.get(t));
        }
        p.add(Dense.multTransB(after, after));
      }
      double dense = Dense.lambdaMaxSym(HeadNtk.kroneckerSum(p, m));
      double lanczos = HeadNtk.lanczosMax(p, m, 5, f.numCols);
      assertThat(5 * f.numCols).isGreaterThan(HeadNtk.DENSE_MAX);
      assertThat(lanczos).as("L2 = %d", depth).isCloseTo(dense, within(REL * dense));
      assertThat(HeadNtk.opNorm(head, zIn, 5)).isCloseTo(dense, within(REL * dense));
    }
  }

  @Test
  void zeroFeaturesGiveAZeroKernel() {
    HeadFixtures.Case c = HeadFixtures.exact(3L, 3, 4, 14, 5);
    assertThat(HeadNtk.opNorm(c.head(), new DMatrixRMaj(14, 12), 3)).isZero();
  }

  /**
   * lambda_max(J^T J): J maps the head entries to vec(Z_L); the block of layers (l, l') has entries
   * (B_l^T B_l')_{i i'} (Z_{l-1} Z_{l'-1}^T)_{j j'} for W_l[i, j] and W_l'[i', j'].
   */
  static double paramGramNorm(List<DMatrixRMaj> head, DMatrixRMaj zIn) {
    int l2 = head.size();
    int k = head.get(l2 - 1).numRows;
    List<DMatrixRMaj> z = new ArrayList<>();
    List<DMatrixRMaj> b = new ArrayList<>();
    DMatrixRMaj cur = zIn;
    int[] offset = new int[l2 + 1];
    for (int j = 0; j < l2; j++) {
      z.add(cur);
      cur = HeadFixtures.mult(head.get(j), cur);
      DMatrixRMaj after = CommonOps_DDRM.identity(k);
      for (int t = l2 - 1; t > j; t--) {
        after = HeadFixtures.mult(after, head.get(t));
      }
      b.add(after);
      offset[j + 1] = offset[j] + head.get(j).getNumElements();
    }
    DMatrixRMaj jtj = new DMatrixRMaj(offset[l2], offset[l2]);
    for (int l = 0; l < l2; l++) {
      for (int lp = 0; lp < l2; lp++) {
        DMatrixRMaj bb = new DMatrixRMaj(b.get(l).numCols, b.get(lp).numCols);
        CommonOps_DDRM.multTransA(b.get(l), b.get(lp), bb);
        DMatrixRMaj zz = HeadFixtures.multTransB(z.get(l), z.get(lp));
        int cols = head.get(l).numCols;
        int colsP = head.get(lp).numCols;
        for (int i = 0; i < bb.numRows; i++) {
          for (int j = 0; j < cols; j++) {
            for (int ip = 0; ip < bb.numCols; ip++) {
              for (int jp = 0; jp < colsP; jp++) {
                jtj.set(offset[l] + i * cols + j, offset[lp] + ip * colsP + jp, bb.get(i, ip) * zz.get(j, jp));
              }
            }
          }
        }
      }
    }
    return Dense.lambdaMaxSym(jtj);
  }
}
