package ncverify.theory.claims.jswm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * Each proof step of the assembled [JSWM] Thm 3.1 NC2/NC3 bounds (docs/derivations/jswm-nc2-nc3.md) as a unit
 * test of its own, on random heads ({@link HeadCases}: perturbed balanced and GD-trained) with every quantity
 * recomputed here from EJML directly: (1) Weyl on Y + R, (2) A P_Z = (Y + R) Z^+ and Pythagoras with the leak,
 * (3) the product-Gram drift, (4) Weyl on the K x K Grams, (5) the kernel lemma for p, (6) the orthogonal
 * decomposition of Mbar_{L-1}, (7) Kantorovich. The generic matrix inequalities that used to be claims
 * (kernel lemma, Weyl on a head pair, kappa(A) from conditioning) are tested here as the steps they are.
 */
class AssembledBoundStepsTest {

  private static final double REL = 1e-9;
  private static final int CASES = 60;

  private static List<HeadCases.Case> cases() {
    Random rnd = new Random(Long.getLong("ncverify.seed", 20261125L) + 13);
    List<HeadCases.Case> out = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      out.add(HeadCases.perturbed(rnd));
    }
    for (int i = 0; i < 6; i++) {
      out.addAll(HeadCases.gdTrained(rnd, new int[] {200, 2000}));
    }
    return out;
  }

  private static double[] sv(DMatrixRMaj m) {
    return SingularOps_DDRM.singularValues(m);
  }

  private static double[] svDesc(DMatrixRMaj m) {
    double[] s = sv(m);
    java.util.Arrays.sort(s);
    for (int i = 0; i < s.length / 2; i++) {
      double t = s[i];
      s[i] = s[s.length - 1 - i];
      s[s.length - 1 - i] = t;
    }
    return s;
  }

  private static double op(DMatrixRMaj m) {
    return svDesc(m)[0];
  }

  private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
    return HeadFixtures.mult(a, b);
  }

  private static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = a.copy();
    CommonOps_DDRM.subtractEquals(c, b);
    return c;
  }

  private static DMatrixRMaj pinv(DMatrixRMaj a) {
    DMatrixRMaj p = new DMatrixRMaj(a.numCols, a.numRows);
    CommonOps_DDRM.pinv(a, p);
    return p;
  }

  private static DMatrixRMaj product(List<DMatrixRMaj> head) {
    DMatrixRMaj a = head.get(0);
    for (int j = 1; j < head.size(); j++) {
      a = mult(head.get(j), a);
    }
    return a;
  }

  private static DMatrixRMaj residual(HeadCases.Case c) {
    return minus(mult(product(c.head()), c.zIn()), JswmQuantities.oneHot(c.labels(), c.k()));
  }

  private static double eps2(List<DMatrixRMaj> head) {
    double e = 0;
    for (int j = 0; j + 1 < head.size(); j++) {
      e = Math.max(e, op(minus(HeadFixtures.multTransB(head.get(j), head.get(j)), gramT(head.get(j + 1)))));
    }
    return e;
  }

  /** W^T W. */
  private static DMatrixRMaj gramT(DMatrixRMaj w) {
    DMatrixRMaj g = new DMatrixRMaj(w.numCols, w.numCols);
    CommonOps_DDRM.multTransA(w, w, g);
    return g;
  }

  private static double r(List<DMatrixRMaj> head) {
    double r = 0;
    for (DMatrixRMaj w : head) {
      r = Math.max(r, op(w));
    }
    return r;
  }

  private static int[] sizes(HeadCases.Case c) {
    int[] n = new int[c.k()];
    for (int lab : c.labels()) {
      n[lab]++;
    }
    return n;
  }

  private static double sMinPlus(DMatrixRMaj m) {
    double[] s = svDesc(m);
    double min = s[0];
    for (double x : s) {
      if (x > 1e-10 * s[0]) {
        min = x;
      }
    }
    return min;
  }

  /** (1) s_K(A) ||Z||_op >= s_K(A Z) = s_K(Y + R) >= s_K(Y) - ||R||_op = sqrt(n_min) - ||R||_op (Weyl). */
  @Test
  void weylOnYPlusRBoundsTheSmallestSingularValueOfTheHead() {
    int checked = 0;
    for (HeadCases.Case c : cases()) {
      int[] n = sizes(c);
      int nMin = java.util.Arrays.stream(n).min().orElseThrow();
      double[] sY = svDesc(JswmQuantities.oneHot(c.labels(), c.k()));
      assertThat(sY[c.k() - 1]).isCloseTo(Math.sqrt(nMin), within(1e-12)); // Y Y^T = diag(n_k)
      double rOp = op(residual(c));
      double eps1 = NormOps_DDRM.normF(residual(c));
      if (eps1 >= Math.sqrt(nMin)) {
        continue;
      }
      double sKA = svDesc(product(c.head()))[c.k() - 1];
      double s1Z = op(c.zIn());
      assertThat(sKA * s1Z).isGreaterThanOrEqualTo((Math.sqrt(nMin) - rOp) * (1 - REL));
      assertThat(rOp).isLessThanOrEqualTo(eps1 * (1 + REL));
      assertThat(sKA).isGreaterThanOrEqualTo(AssembledClaim.bound(c.measure()).aLo() * (1 - REL));
      checked++;
    }
    assertThat(checked).isGreaterThan(CASES / 2);
  }

  /**
   * (2) A P_Z = A Z Z^+ = (Y + R) Z^+; rows split orthogonally, s_1(A)^2 &lt;= ||A P_Z||_op^2 + ||A (I - P_Z)||_op^2
   * (Pythagoras), with ||A P_Z||_op &lt;= (sqrt(n_max) + eps1)/s_min+(Z) = kZ (sqrt(n_max) + eps1)/s1Z; and
   * s_1(A) &lt;= prod ||W_l||_op &lt;= r^L2.
   */
  @Test
  void headActionOnTheFeaturesAndTheLeakBoundTheLargestSingularValue() {
    for (HeadCases.Case c : cases()) {
      DMatrixRMaj a = product(c.head());
      DMatrixRMaj zp = pinv(c.zIn());
      DMatrixRMaj pz = mult(c.zIn(), zp);
      DMatrixRMaj aPz = mult(a, pz);
      DMatrixRMaj yr = mult(mult(a, c.zIn()), zp); // (A Z) Z^+
      DMatrixRMaj viaY = mult(new DMatrixRMaj(residual(c)), zp);
      CommonOps_DDRM.addEquals(viaY, mult(JswmQuantities.oneHot(c.labels(), c.k()), zp));
      assertThat(NormOps_DDRM.normF(minus(aPz, viaY))).isLessThanOrEqualTo(1e-8 * (1 + NormOps_DDRM.normF(aPz)));
      assertThat(NormOps_DDRM.normF(minus(aPz, yr))).isLessThanOrEqualTo(1e-8 * (1 + NormOps_DDRM.normF(aPz)));
      double leak = op(minus(a, aPz));
      double s1A = op(a);
      assertThat(s1A * s1A).isLessThanOrEqualTo((op(aPz) * op(aPz) + leak * leak) * (1 + REL));
      int nMax = java.util.Arrays.stream(sizes(c)).max().orElseThrow();
      double eps1 = NormOps_DDRM.normF(residual(c));
      assertThat(op(aPz)).isLessThanOrEqualTo((Math.sqrt(nMax) + eps1) / sMinPlus(c.zIn()) * (1 + 1e-7));
      assertThat(s1A).isLessThanOrEqualTo(Math.pow(r(c.head()), c.head().size()) * (1 + REL));
      assertThat(s1A).isLessThanOrEqualTo(AssembledClaim.bound(c.measure()).aHi() * (1 + 1e-7));
    }
  }

  /**
   * (3) ||A A^T - (W_L W_L^T)^L2||_op &lt;= L2 (L2 - 1)/2 r^(2(L2-1)) eps2, by telescoping
   * T(i, k) = W_m..W_{i+1} (W_i W_i^T)^k W_{i+1}^T..W_m^T with ||P^k - Q^k|| &lt;= k r^(2(k-1)) ||P - Q||.
   */
  @Test
  void productGramDriftIsBoundedByTheTelescopingSum() {
    for (HeadCases.Case c : cases()) {
      List<DMatrixRMaj> head = c.head();
      int l2 = head.size();
      DMatrixRMaj a = product(head);
      DMatrixRMaj wL = head.get(l2 - 1);
      DMatrixRMaj g = HeadFixtures.multTransB(wL, wL);
      DMatrixRMaj pow = g.copy();
      for (int i = 1; i < l2; i++) {
        pow = mult(pow, g);
      }
      double drift = op(minus(HeadFixtures.multTransB(a, a), pow));
      double bound = l2 * (l2 - 1) / 2.0 * Math.pow(r(head), 2.0 * (l2 - 1)) * eps2(head);
      assertThat(drift).isLessThanOrEqualTo(bound * (1 + REL) + 1e-12 * op(pow));
    }
  }

  /** The power step of (3): ||P^k - Q^k||_op &lt;= k r^(2(k-1)) ||P - Q||_op for symmetric PSD P, Q with norms &lt;= r^2. */
  @Test
  void powersOfNearbyPsdMatricesStayNearby() {
    Random rnd = new Random(5L);
    for (int t = 0; t < 200; t++) {
      int n = 2 + rnd.nextInt(4);
      DMatrixRMaj b = HeadFixtures.gaussian(n, n, 1, rnd);
      DMatrixRMaj p = HeadFixtures.multTransB(b, b);
      DMatrixRMaj e = HeadFixtures.gaussian(n, n + 1, 0.3 * rnd.nextDouble(), rnd);
      DMatrixRMaj q = HeadFixtures.multTransB(e, e);
      CommonOps_DDRM.addEquals(q, p);
      double r2 = Math.max(op(p), op(q));
      int k = 1 + rnd.nextInt(4);
      DMatrixRMaj pk = p.copy();
      DMatrixRMaj qk = q.copy();
      for (int i = 1; i < k; i++) {
        pk = mult(pk, p);
        qk = mult(qk, q);
      }
      assertThat(op(minus(pk, qk))).isLessThanOrEqualTo(k * Math.pow(r2, k - 1) * op(minus(p, q)) * (1 + REL));
    }
  }

  /**
   * (4) Weyl on the K x K Grams: |s_i(A)^2 - s_i(W_L)^(2 L2)| &lt;= Delta, hence s_1(W_L) &lt;= w_hi and
   * kappa(W_L) &lt;= kW whenever delta &lt; 1. Also Weyl on one head pair:
   * |s_i(W_{l+1})^2 - s_i(W_l)^2| &lt;= ||W_{l+1}^T W_{l+1} - W_l W_l^T||_op (the former balanced-spectrum claim).
   */
  @Test
  void weylOnTheGramsBoundsTheLastLayerSpectrum() {
    int finite = 0;
    for (HeadCases.Case c : cases()) {
      List<DMatrixRMaj> head = c.head();
      int l2 = head.size();
      int k = c.k();
      double[] sA = svDesc(product(head));
      double[] sW = svDesc(head.get(l2 - 1));
      AssembledBound b = AssembledClaim.bound(c.measure());
      double delta = l2 * (l2 - 1) / 2.0 * Math.pow(r(head), 2.0 * (l2 - 1)) * eps2(head);
      assertThat(b.bigDelta()).isCloseTo(delta, within(1e-12 * (1 + delta)));
      for (int i = 0; i < k; i++) {
        assertThat(Math.abs(sA[i] * sA[i] - Math.pow(sW[i], 2 * l2)))
            .isLessThanOrEqualTo(delta * (1 + REL) + 1e-12 * sA[0] * sA[0]);
      }
      assertThat(sW[0]).isLessThanOrEqualTo(b.wHi() * (1 + REL));
      if (b.finite()) {
        assertThat(sW[0] / sW[k - 1]).isLessThanOrEqualTo(b.kW() * (1 + 1e-8));
        finite++;
      }
      for (int j = 0; j + 1 < l2; j++) {
        double[] next = svDesc(head.get(j + 1));
        double[] here = svDesc(head.get(j));
        double gap = op(minus(gramT(head.get(j + 1)), HeadFixtures.multTransB(head.get(j), head.get(j))));
        int len = head.get(j).numRows;
        for (int i = 0; i < len; i++) {
          double x = i < next.length ? next[i] * next[i] : 0;
          double y = i < here.length ? here[i] * here[i] : 0;
          assertThat(Math.abs(x - y)).isLessThanOrEqualTo(gap * (1 + REL) + 1e-12 * (x + y));
        }
      }
    }
    assertThat(finite).isGreaterThan(CASES / 4);
  }

  private static double lambdaMax(DMatrixRMaj sym) {
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(sym.numRows, false, true);
    assertThat(eig.decompose(sym.copy())).isTrue();
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < sym.numRows; i++) {
      max = Math.max(max, eig.getEigenvalue(i).real);
    }
    return max;
  }

  /** I - W_L^+ W_L, the projector onto ker W_L. */
  private static DMatrixRMaj kernelProjector(DMatrixRMaj wL) {
    DMatrixRMaj p = CommonOps_DDRM.identity(wL.numCols);
    CommonOps_DDRM.subtractEquals(p, mult(pinv(wL), wL));
    return p;
  }

  /**
   * (5) Kernel lemma: ||P_perp W_{L-1}||_op^2 &lt;= lambda_max(W_{L-1} W_{L-1}^T - W_L^T W_L)_+ &lt;= eps2, hence
   * ||P_perp Mbar_{L-1}||_op &lt;= sqrt(eps2) r^(L2-2) ||Z_L1||_op/sqrt(n_min) = p.
   */
  @Test
  void kernelLemmaBoundsTheClassMeansInTheKernelOfTheLastLayer() {
    for (HeadCases.Case c : cases()) {
      List<DMatrixRMaj> head = c.head();
      int l2 = head.size();
      DMatrixRMaj wL = head.get(l2 - 1);
      DMatrixRMaj prev = head.get(l2 - 2);
      DMatrixRMaj pPerp = kernelProjector(wL);
      double leak = op(mult(pPerp, prev));
      double lmax = Math.max(0, lambdaMax(minus(HeadFixtures.multTransB(prev, prev), gramT(wL))));
      double scale = op(prev) * op(prev);
      assertThat(leak * leak).isLessThanOrEqualTo(lmax + 1e-10 * scale);
      assertThat(lmax).isLessThanOrEqualTo(eps2(head) * (1 + REL) + 1e-12 * scale);
      List<DMatrixRMaj> z = JswmQuantities.forward(head, c.zIn());
      DMatrixRMaj means = JswmQuantities.classMeans(z.get(l2 - 1), c.labels(), c.k());
      double p = AssembledClaim.bound(c.measure()).p();
      assertThat(op(mult(pPerp, means))).isLessThanOrEqualTo(p * (1 + 1e-6) + 1e-9 * op(means));
      assertThat(Dense.opNorm(mult(Dense.kernelProjector(wL), prev))).isCloseTo(leak, within(1e-8 * (1 + leak)));
    }
  }

  /** The kernel lemma is tight: W_L = [I_2 0], W_{L-1} = diag(1, 1, c) gives equality throughout. */
  @Test
  void kernelLemmaIsTightOnADiagonalHead() {
    double c = 0.7;
    DMatrixRMaj prev = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, c}});
    DMatrixRMaj wL = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}});
    double leak = op(mult(Dense.kernelProjector(wL), prev));
    assertThat(leak * leak).isCloseTo(c * c, within(1e-12));
    assertThat(Dense.lambdaMaxSym(minus(HeadFixtures.multTransB(prev, prev), gramT(wL)))).isCloseTo(c * c,
        within(1e-12));
    assertThat(eps2(List.of(prev, wL))).isCloseTo(c * c, within(1e-12));
  }

  /**
   * (6) Mbar_{L-1} = W_L^+ Mbar_L + P_perp Mbar_{L-1} with orthogonal column spaces, Mbar_L = I + F,
   * ||F||_op &lt;= eps1/sqrt(n_min) = f; hence s_1(M)^2 &lt;= ((1 + f)/s_K(W_L))^2 + p^2 and
   * s_K(M) &gt;= (1 - f)/s_1(W_L).
   */
  @Test
  void classMeansSplitIntoTheRowSpaceAndTheKernelOfTheLastLayer() {
    int checked = 0;
    for (HeadCases.Case c : cases()) {
      List<DMatrixRMaj> head = c.head();
      int l2 = head.size();
      int k = c.k();
      DMatrixRMaj wL = head.get(l2 - 1);
      List<DMatrixRMaj> z = JswmQuantities.forward(head, c.zIn());
      DMatrixRMaj m = JswmQuantities.classMeans(z.get(l2 - 1), c.labels(), k);
      DMatrixRMaj mL = JswmQuantities.classMeans(z.get(l2), c.labels(), k);
      DMatrixRMaj rowPart = mult(pinv(wL), mL);
      DMatrixRMaj kerPart = mult(kernelProjector(wL), m);
      DMatrixRMaj sum = rowPart.copy();
      CommonOps_DDRM.addEquals(sum, kerPart);
      double size = op(m);
      assertThat(op(minus(sum, m))).isLessThanOrEqualTo(1e-8 * size);
      DMatrixRMaj cross = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransA(rowPart, kerPart, cross);
      assertThat(op(cross)).isLessThanOrEqualTo(1e-8 * size * size);
      AssembledBound b = AssembledClaim.bound(c.measure());
      DMatrixRMaj fMat = mL.copy();
      for (int i = 0; i < k; i++) {
        fMat.add(i, i, -1.0);
      }
      assertThat(op(fMat)).isLessThanOrEqualTo(b.f() * (1 + REL) + 1e-12);
      if (b.f() >= 1) {
        continue;
      }
      double[] sW = svDesc(wL);
      double[] sM = svDesc(m);
      double p = op(kerPart);
      double upper = Math.pow((1 + b.f()) / sW[k - 1], 2) + p * p;
      assertThat(sM[0] * sM[0]).isLessThanOrEqualTo(upper * (1 + 1e-8));
      assertThat(sM[k - 1]).isGreaterThanOrEqualTo((1 - b.f()) / sW[0] * (1 - 1e-8));
      checked++;
    }
    assertThat(checked).isGreaterThan(CASES / 2);
  }

  /**
   * (7) Kantorovich: for a symmetric positive definite G and a unit e, (e^T G e)(e^T G^{-1} e) &lt;=
   * h(sqrt(cond G))^2, h(k) = (k^2 + 1)/(2k); equality at e = (u_1 + u_K)/sqrt(2). With G = W_L W_L^T this is
   * cos(mu_c, w_c) &gt;= 2 kappa/(1 + kappa^2) in the exact case.
   */
  @Test
  void kantorovichBoundsTheAlignmentAndIsAttained() {
    Random rnd = new Random(17L);
    for (int t = 0; t < 300; t++) {
      int n = 2 + rnd.nextInt(4);
      DMatrixRMaj b = HeadFixtures.gaussian(n, n, 1, rnd);
      DMatrixRMaj g = HeadFixtures.multTransB(b, b);
      for (int i = 0; i < n; i++) {
        g.add(i, i, 0.05);
      }
      DMatrixRMaj gi = g.copy();
      CommonOps_DDRM.invert(gi);
      DMatrixRMaj e = HeadFixtures.gaussian(n, 1, 1, rnd);
      CommonOps_DDRM.divide(e, NormOps_DDRM.normF(e));
      double prod = quad(g, e) * quad(gi, e);
      double[] s = svDesc(g);
      double h = AssembledBound.h(Math.sqrt(s[0] / s[n - 1]));
      assertThat(prod).isLessThanOrEqualTo(h * h * (1 + REL));
    }
    // attained: G = R45 diag(1, 9) R45^T, e = e_1
    double c = Math.sqrt(0.5);
    DMatrixRMaj rot = new DMatrixRMaj(new double[][] {{c, -c}, {c, c}});
    DMatrixRMaj g = mult(mult(rot, new DMatrixRMaj(new double[][] {{1, 0}, {0, 9}})), transpose(rot));
    DMatrixRMaj gi = g.copy();
    CommonOps_DDRM.invert(gi);
    DMatrixRMaj e1 = new DMatrixRMaj(new double[][] {{1}, {0}});
    double h = AssembledBound.h(3.0);
    assertThat(quad(g, e1) * quad(gi, e1)).isCloseTo(h * h, within(1e-12));
    // and as an alignment: W_L = R45 diag(1, 3), Mbar = W_L^{-1} (exact case): cos(mu_1, w_1) = 2*3/(1 + 9)
    DMatrixRMaj wL = mult(rot, new DMatrixRMaj(new double[][] {{1, 0}, {0, 3}}));
    DMatrixRMaj means = wL.copy();
    CommonOps_DDRM.invert(means);
    double dot = wL.get(0, 0) * means.get(0, 0) + wL.get(0, 1) * means.get(1, 0);
    double cos = dot / (Math.hypot(wL.get(0, 0), wL.get(0, 1)) * Math.hypot(means.get(0, 0), means.get(1, 0)));
    assertThat(cos).isCloseTo(0.6, within(1e-12));
  }

  private static DMatrixRMaj transpose(DMatrixRMaj a) {
    DMatrixRMaj t = new DMatrixRMaj(a.numCols, a.numRows);
    CommonOps_DDRM.transpose(a, t);
    return t;
  }

  private static double quad(DMatrixRMaj g, DMatrixRMaj e) {
    DMatrixRMaj ge = mult(g, e);
    double acc = 0;
    for (int i = 0; i < e.numRows; i++) {
      acc += e.get(i, 0) * ge.get(i, 0);
    }
    return acc;
  }
}
