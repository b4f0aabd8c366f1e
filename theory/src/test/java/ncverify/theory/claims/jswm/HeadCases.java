package ncverify.theory.claims.jswm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ncverify.theory.claims.Measurement;
import ncverify.theory.geometry.BalancedHead;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Random [JSWM] heads for the tests of the assembled NC2/NC3 bounds (docs/derivations/jswm-nc2-nc3.md):
 * perturbed balanced heads (an exactly balanced head through the least-squares fit Y Z^+, then noise,
 * optionally an unbalanced kernel part and a leak outside col Z) and snapshots of heads trained by
 * full-batch GD with weight decay on fixed features. Class sizes are imbalanced in half of the cases.
 */
final class HeadCases {

  /** One case: the head, the features entering it, the labels and K, and how it was made. */
  record Case(List<DMatrixRMaj> head, DMatrixRMaj zIn, int[] labels, int k, String kind) {
    Measurement measure() {
      return JswmQuantities.measure(head, zIn, labels, k, 0.0, 0.0);
    }
  }

  private HeadCases() {
  }

  /** Labels of K classes, n_k in 1..maxN (all equal when balanced), in a shuffled order. */
  static int[] labels(Random rnd, int k, int maxN, boolean balanced) {
    int common = 1 + rnd.nextInt(maxN);
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      int n = balanced ? common : 1 + rnd.nextInt(maxN);
      for (int i = 0; i < n; i++) {
        out.add(c);
      }
    }
    java.util.Collections.shuffle(out, rnd);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** d x N Gaussian features with row scales spread over [1/spread, 1] (so kappa(Z) varies). */
  static DMatrixRMaj features(Random rnd, int d, int n, double spread) {
    DMatrixRMaj z = HeadFixtures.gaussian(d, n, 1.0, rnd);
    for (int r = 0; r < d; r++) {
      double s = Math.pow(spread, -rnd.nextDouble());
      for (int c = 0; c < n; c++) {
        z.set(r, c, s * z.get(r, c));
      }
    }
    return z;
  }

  static int[] widths(Random rnd, int k, int l2) {
    int[] w = new int[l2 - 1];
    for (int j = 0; j < w.length; j++) {
      w[j] = k + rnd.nextInt(4);
    }
    return w;
  }

  /**
   * A perturbed balanced head: Z (d x N, d in K..N+4), the exactly balanced head through A0 = Y Z^+, then
   * Gaussian noise of relative size in [3e-5, 3e-2] on every layer (d &gt;= N in 4 of 5 cases); with
   * probability 1/3 an unbalanced part in ker W_L added to W_{L-1}, with probability 1/3 a leak: the
   * balanced head is built through A0 + E (I - P_Z) instead (same outputs, acting outside col Z too).
   */
  static Case perturbed(Random rnd) {
    int k = 2 + rnd.nextInt(4);
    int[] labels = labels(rnd, k, 6, rnd.nextBoolean());
    int n = labels.length;
    int d = rnd.nextInt(5) == 0 ? k + rnd.nextInt(n + 1 - k) : n + rnd.nextInt(5);
    DMatrixRMaj z = features(rnd, d, n, 1 + 9 * rnd.nextDouble());
    int l2 = 2 + rnd.nextInt(3);
    DMatrixRMaj y = JswmQuantities.oneHot(labels, k);
    DMatrixRMaj zPinv = new DMatrixRMaj(n, d);
    CommonOps_DDRM.pinv(z, zPinv);
    DMatrixRMaj a0 = HeadFixtures.mult(y, zPinv);
    String kind = "perturbed";
    int choice = rnd.nextInt(3);
    if (choice == 2) {
      // a leak: the product acts outside col Z too (A Z unchanged), still exactly balanced before the noise
      double size = Math.pow(10, -1 + 2 * rnd.nextDouble()) * Dense.opNorm(a0) / Math.sqrt(d);
      DMatrixRMaj e = HeadFixtures.gaussian(k, d, size, rnd);
      DMatrixRMaj outside = e.copy();
      CommonOps_DDRM.subtractEquals(outside, HeadFixtures.mult(e, Dense.columnProjector(z)));
      CommonOps_DDRM.addEquals(a0, outside);
      kind = "perturbed+leak";
    }
    List<DMatrixRMaj> head = new ArrayList<>(BalancedHead.through(a0, widths(rnd, k, l2), rnd.nextLong()));
    double noise = Math.pow(10, -4.5 + 3 * rnd.nextDouble());
    for (int j = 0; j < head.size(); j++) {
      DMatrixRMaj w = head.get(j);
      double scale = noise * Dense.opNorm(w) / Math.sqrt(w.numRows + w.numCols);
      CommonOps_DDRM.addEquals(w, HeadFixtures.gaussian(w.numRows, w.numCols, scale, rnd));
    }
    if (choice == 1) {
      DMatrixRMaj prev = head.get(l2 - 2);
      DMatrixRMaj pPerp = Dense.kernelProjector(head.get(l2 - 1));
      double scale = noise * Dense.opNorm(prev);
      CommonOps_DDRM.addEquals(prev, HeadFixtures.mult(pPerp, HeadFixtures.gaussian(prev.numRows, prev.numCols,
          scale, rnd)));
      kind = "perturbed+unbalanced";
    }
    return new Case(head, z, labels, k, kind);
  }

  /**
   * Snapshots of one GD run with weight decay on fixed features (||Z||_op = 1): W &lt;- (1 - eta lambda) W
   * - eta G for the loss (1/2)||A Z - Y||^2 + (lambda/2) sum ||W_l||^2 from a noisy balanced start through a
   * random product, eta a fraction of the stability limit of the fitted head; snapshots at the given steps.
   */
  static List<Case> gdTrained(Random rnd, int[] snapshots) {
    int k = 2 + rnd.nextInt(4);
    int[] labels = labels(rnd, k, 6, rnd.nextBoolean());
    int n = labels.length;
    int d = rnd.nextInt(5) == 0 ? k + rnd.nextInt(n + 1 - k) : n + rnd.nextInt(5);
    DMatrixRMaj z = features(rnd, d, n, 1 + 2 * rnd.nextDouble());
    CommonOps_DDRM.scale(1.0 / Dense.opNorm(z), z);
    int l2 = 2 + rnd.nextInt(3);
    int[] widths = widths(rnd, k, l2);
    // start: a balanced head through a random product of norm ~ init, plus noise of relative size ~ 0.02
    double init = 0.5 + rnd.nextDouble();
    DMatrixRMaj a0 = HeadFixtures.gaussian(k, d, init / Math.sqrt(d), rnd);
    List<DMatrixRMaj> head = new ArrayList<>(BalancedHead.through(a0, widths, rnd.nextLong()));
    for (DMatrixRMaj w : head) {
      CommonOps_DDRM.addEquals(w, HeadFixtures.gaussian(w.numRows, w.numCols, 0.02 * Dense.opNorm(w)
          / Math.sqrt(w.numRows + w.numCols), rnd));
    }
    double lambda = Math.pow(10, -3 + rnd.nextDouble());
    DMatrixRMaj y = JswmQuantities.oneHot(labels, k);
    List<Case> out = new ArrayList<>();
    int t = 0;
    // stable for the fitted head: s_1(A) ~ sqrt(n_max) kappa(Z) gives a sharpness ~ L2 s_1(A)^(2(L2-1)/L2)
    int nMax = 0;
    for (int c = 0; c < k; c++) {
      int cnt = 0;
      for (int lab : labels) {
        cnt += lab == c ? 1 : 0;
      }
      nMax = Math.max(nMax, cnt);
    }
    double target = Math.sqrt(nMax) * Dense.kappa(z, "Z");
    double eta = (0.3 + 0.5 * rnd.nextDouble()) / (l2 * Math.pow(target, 2.0 * (l2 - 1) / l2));
    for (int snap : snapshots) {
      for (; t < snap; t++) {
        List<DMatrixRMaj> g = HeadFixtures.headGradients(head, JswmQuantities.forward(head, z), y, 1.0);
        for (int j = 0; j < l2; j++) {
          DMatrixRMaj next = new DMatrixRMaj(head.get(j).numRows, head.get(j).numCols);
          CommonOps_DDRM.add(1 - eta * lambda, head.get(j), -eta, g.get(j), next);
          head.set(j, next);
        }
      }
      List<DMatrixRMaj> copy = new ArrayList<>();
      for (DMatrixRMaj w : head) {
        if (!finite(w)) {
          return out;
        }
        copy.add(w.copy());
      }
      out.add(new Case(copy, z, labels, k, "gd@" + snap));
    }
    return out;
  }

  private static boolean finite(DMatrixRMaj w) {
    for (int i = 0; i < w.getNumElements(); i++) {
      if (!Double.isFinite(w.get(i))) {
        return false;
      }
    }
    return true;
  }
}
