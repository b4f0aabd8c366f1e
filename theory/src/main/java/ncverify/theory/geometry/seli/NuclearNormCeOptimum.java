package ncverify.theory.geometry.seli;

import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.internal.ClassSizes;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The certified global optimum of the [SELI] cross-entropy UFM at ridge lambda (docs/theory.md section 2,
 * docs/derivations/seli.md). With d &gt;= K the UFM min CE(W H) + (lambda/2)(||W||^2 + ||H||^2) equals the
 * convex problem min_X CE(X) + lambda ||X||_* (CE summed over samples); its optimum is unique and
 * collapsed, X* = M* Y (every sample of a class has the same logits), so it is the optimum of the
 * K x K problem
 * <pre>
 *   min_{W, Ht in R^{K x K}} sum_k n_k [lse(m_k) - m_kk] + (lambda/2)(||W||^2 + ||Ht||^2),   M = W Ht D^{-1/2},
 * </pre>
 * (Ht = H restricted to class means, scaled by sqrt(n_k), so ||Ht||_F = ||H||_F), solved here by
 * Levenberg-Marquardt-damped Newton with the exact Hessian, to relative stationarity {@link #GRAD_TOL}.
 * Certificate of global optimality: with Q = (softmax(M) - I) D^{1/2} (so ||Q||_op = ||softmax(X) - Y||_op),
 * ||Q||_op &lt;= lambda (1 + {@link #CERT_TOL}) ({@link #dualRatio()}); the Fenchel-Young duality gap of the
 * convex problem is {@link #dualityGap()}.
 *
 * <p>First-order condition numbers (the tolerance of the study's comparison): at the optimum the Hessian
 * of the factorized problem is singular only along the rotation gauge (W, Ht) -&gt; (W R, R^T Ht) and the
 * unused factor direction, which none of the Grams sees. For an object O (normalized classifier Gram,
 * logits, feature Gram, class-mean Gram) with Jacobian J_O, a UFM point whose gradient is g moves O by
 * J_O Hess^+ g to first order, so ndist(O_UFM, O*) &lt;= kappa_O r with r = ||g|| / (lambda ||(W, H)||) and
 * kappa_O = lambda ||(W*, Ht*)|| ||J_O Hess^+||_op ({@link #kappa(Observable)}).
 */
public final class NuclearNormCeOptimum {

  /** Relative stationarity ||grad|| / (lambda ||(W, Ht)||) the solver reaches. */
  public static final double GRAD_TOL = 1e-12;
  /** Allowed excess of ||softmax(X*) - Y||_op over lambda for the certificate (the solver reaches ~1e-12). */
  public static final double CERT_TOL = 1e-8;
  /** Hessian eigenvalues below this fraction of lambda are the gauge and unused directions (pseudo-inverse). */
  public static final double GAUGE_CUTOFF = 1e-4;
  private static final int MAX_ITER = 200;
  /** Objective increase accepted as roundoff when the gradient norm decreases (final Newton steps). */
  private static final double ROUNDOFF_F = 1e-12;

  /** The objects whose first-order condition number is reported. */
  public enum Observable {
    /** Normalized classifier Gram W W^T. */
    GRAM_W,
    /** Normalized logits W H (weighted representative Z = W Ht). */
    LOGITS,
    /** Normalized feature Gram H^T H (weighted representative Ht^T Ht). */
    FEATURE_GRAM,
    /** Normalized class-mean Gram (D^{-1/2} Ht^T Ht D^{-1/2}). */
    CLASS_MEAN_GRAM
  }

  private final int[] sizes;
  private final double lambda;
  private final DMatrixRMaj w;
  private final DMatrixRMaj ht;
  private final double objective;
  private final double relativeGradient;
  private final double dualRatio;
  private final double dualityGap;
  private final int iterations;
  private final double[] kappa;
  private final double smallestKeptCurvature;

  private NuclearNormCeOptimum(Problem p, DMatrixRMaj x, int iterations) {
    this.sizes = p.sizes.clone();
    this.lambda = p.lambda;
    int k = p.k;
    this.w = new DMatrixRMaj(k, k);
    this.ht = new DMatrixRMaj(k, k);
    p.unpack(x, w, ht);
    Eval e = p.eval(x);
    this.objective = e.f;
    this.relativeGradient = norm(e.g) / (lambda * norm(x.data));
    this.dualRatio = Svd.singularValues(e.q)[0] / lambda;
    this.dualityGap = p.dualityGap(e);
    this.iterations = iterations;
    DMatrixRMaj hess = p.hessian(x, e);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(hess.numRows, true, true);
    if (!eig.decompose(hess.copy())) {
      throw new IllegalStateException("eigendecomposition of the reduced SELI Hessian failed");
    }
    int n = hess.numRows;
    DMatrixRMaj pinv = new DMatrixRMaj(n, n);
    double kept = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double ev = eig.getEigenvalue(i).real;
      if (Math.abs(ev) <= GAUGE_CUTOFF * lambda) {
        continue;
      }
      kept = Math.min(kept, ev);
      DMatrixRMaj v = eig.getEigenVector(i);
      double vn2 = 0;
      for (int r = 0; r < n; r++) {
        vn2 += v.get(r) * v.get(r);
      }
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) {
          pinv.add(r, c, v.get(r) * v.get(c) / (ev * vn2));
        }
      }
    }
    this.smallestKeptCurvature = kept / lambda;
    this.kappa = new double[Observable.values().length];
    double scale = lambda * norm(x.data);
    for (Observable o : Observable.values()) {
      DMatrixRMaj jac = p.jacobian(o, w, ht);
      DMatrixRMaj jh = new DMatrixRMaj(jac.numRows, n);
      CommonOps_DDRM.mult(jac, pinv, jh);
      kappa[o.ordinal()] = scale * Svd.singularValues(jh)[0];
    }
  }

  /** Solves at {@code lambda} from the second-order prediction (or from Zhat when it does not exist). */
  public static NuclearNormCeOptimum solve(int[] classSizes, double lambda) {
    return solve(classSizes, lambda, null);
  }

  /**
   * Solves at {@code lambda}, starting from {@code warm} (an optimum at another lambda, same sizes) when
   * given and its objective is lower than that of the second-order prediction.
   *
   * @throws InvalidInputException for bad sizes or lambda
   * @throws IllegalStateException when the certificate fails (never observed; would be a solver bug)
   */
  public static NuclearNormCeOptimum solve(int[] classSizes, double lambda, NuclearNormCeOptimum warm) {
    NuclearNormCeOptimum out = attempt(classSizes, lambda, warm);
    if (!out.certified()) {
      throw new IllegalStateException(String.format(java.util.Locale.ROOT,
          "reduced SELI problem not certified at lambda %s for sizes %s: relative gradient %.3e, dual ratio %.12f",
          lambda, java.util.Arrays.toString(classSizes), out.relativeGradient, out.dualRatio));
    }
    return out;
  }

  /**
   * Like {@link #solve(int[], double, NuclearNormCeOptimum)} but returns the point reached even when it is
   * not {@link #certified()} (a caller that reports the certificate instead of failing).
   */
  public static NuclearNormCeOptimum attempt(int[] classSizes, double lambda, NuclearNormCeOptimum warm) {
    ClassSizes.validate(classSizes);
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw InvalidInputException.of("ridge lambda must be a finite number > 0, got %s", lambda);
    }
    Problem p = new Problem(classSizes, lambda);
    DMatrixRMaj x = p.start();
    if (warm != null && java.util.Arrays.equals(warm.sizes, classSizes)) {
      DMatrixRMaj fromWarm = p.pack(warm.w, warm.ht);
      if (p.eval(fromWarm).f < p.eval(x).f) {
        x = fromWarm;
      }
    }
    int it = p.newton(x);
    return new NuclearNormCeOptimum(p, x, it);
  }

  /** True iff stationary to {@link #GRAD_TOL} (x 10) and ||softmax(X) - Y||_op &lt;= lambda (1 + {@link #CERT_TOL}). */
  public boolean certified() {
    return relativeGradient <= 10 * GRAD_TOL && dualRatio <= 1 + CERT_TOL;
  }

  public double lambda() {
    return lambda;
  }

  public int[] classSizes() {
    return sizes.clone();
  }

  /** The classifier factor W* (K x K) of the balanced factorization. */
  public DMatrixRMaj w() {
    return w.copy();
  }

  /** The class-mean feature factor Ht* (K x K, column k = sqrt(n_k) h_k). */
  public DMatrixRMaj ht() {
    return ht.copy();
  }

  /** Class logits M* = W Ht D^{-1/2} (K x K). */
  public DMatrixRMaj classLogits() {
    DMatrixRMaj z = new DMatrixRMaj(sizes.length, sizes.length);
    CommonOps_DDRM.mult(w, ht, z);
    return ClassLogitGeometry.scaleColumns(z, sizes, -0.5);
  }

  /** The objects of the optimum (classifier, feature and class-mean Grams, logits, spectrum). */
  public ClassLogitGeometry geometry() {
    return ClassLogitGeometry.of(sizes, classLogits());
  }

  /** Objective value (CE summed + ridge) at the optimum. */
  public double objective() {
    return objective;
  }

  /** ||grad|| / (lambda ||(W, Ht)||) at the returned point. */
  public double relativeGradient() {
    return relativeGradient;
  }

  /** ||softmax(X*) - Y||_op / lambda (at most 1 at the global optimum). */
  public double dualRatio() {
    return dualRatio;
  }

  /** Fenchel-Young duality gap of min_X CE(X) + lambda ||X||_* at X*, with the dual point softmax(X*) - Y rescaled to feasibility. */
  public double dualityGap() {
    return dualityGap;
  }

  /** Newton iterations used. */
  public int iterations() {
    return iterations;
  }

  /** First-order condition number kappa_O of an observable (see the class comment). */
  public double kappa(Observable o) {
    return kappa[o.ordinal()];
  }

  /** Smallest Hessian eigenvalue kept in the pseudo-inverse, divided by lambda. */
  public double smallestKeptCurvature() {
    return smallestKeptCurvature;
  }

  /** ||v||_2. */
  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** Value, gradient and the pieces the Hessian needs, at one point. */
  private static final class Eval {
    double f;
    double[] g;
    DMatrixRMaj p; // softmax probabilities, column k for class k
    DMatrixRMaj q; // (P - I) D^{1/2}
    DMatrixRMaj z; // W Ht
  }

  /** The reduced factorized problem at fixed sizes and lambda; x = [vec(W) ; vec(Ht)] row-major. */
  private static final class Problem {
    final int[] sizes;
    final int k;
    final double lambda;

    Problem(int[] sizes, double lambda) {
      this.sizes = sizes.clone();
      this.k = sizes.length;
      this.lambda = lambda;
    }

    DMatrixRMaj pack(DMatrixRMaj wm, DMatrixRMaj hm) {
      DMatrixRMaj x = new DMatrixRMaj(2 * k * k, 1);
      System.arraycopy(wm.data, 0, x.data, 0, k * k);
      System.arraycopy(hm.data, 0, x.data, k * k, k * k);
      return x;
    }

    void unpack(DMatrixRMaj x, DMatrixRMaj wm, DMatrixRMaj hm) {
      System.arraycopy(x.data, 0, wm.data, 0, k * k);
      System.arraycopy(x.data, k * k, hm.data, 0, k * k);
    }

    /** Balanced factorization of the second-order prediction (or of ln(1/lambda) S when it has none). */
    DMatrixRMaj start() {
      SeliSecondOrder so = SeliSecondOrder.of(sizes);
      double l = Math.min(lambda, 0.5);
      DMatrixRMaj m;
      if (so.exists()) {
        m = so.classLogits(l);
      } else {
        m = CommonOps_DDRM.identity(k);
        CommonOps_DDRM.add(m, -1.0 / k);
        CommonOps_DDRM.scale(Math.log(1 / l), m);
      }
      Svd svd = Svd.thin(ClassLogitGeometry.scaleColumns(m, sizes, 0.5));
      DMatrixRMaj u = svd.u();
      DMatrixRMaj v = svd.v();
      double[] s = svd.s();
      DMatrixRMaj wm = new DMatrixRMaj(k, k);
      DMatrixRMaj hm = new DMatrixRMaj(k, k);
      for (int j = 0; j < k; j++) {
        double sq = Math.sqrt(s[j]);
        for (int r = 0; r < k; r++) {
          wm.set(r, j, u.get(r, j) * sq);
          hm.set(j, r, v.get(r, j) * sq);
        }
      }
      return pack(wm, hm);
    }

    Eval eval(DMatrixRMaj x) {
      DMatrixRMaj wm = new DMatrixRMaj(k, k);
      DMatrixRMaj hm = new DMatrixRMaj(k, k);
      unpack(x, wm, hm);
      Eval e = new Eval();
      e.z = new DMatrixRMaj(k, k);
      CommonOps_DDRM.mult(wm, hm, e.z);
      e.p = new DMatrixRMaj(k, k);
      e.q = new DMatrixRMaj(k, k);
      double f = 0;
      for (int c = 0; c < k; c++) {
        double sq = Math.sqrt(sizes[c]);
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < k; r++) {
          max = Math.max(max, e.z.get(r, c) / sq);
        }
        double sum = 0;
        for (int r = 0; r < k; r++) {
          sum += Math.exp(e.z.get(r, c) / sq - max);
        }
        // lse(m) - m_cc = log(1 + sum_{r != c} exp(m_r - m_c)): log1p keeps full relative precision when the
        // wrong-class probabilities are tiny (small lambda), where max + log(sum) - m_cc cancels
        double own = e.z.get(c, c) / sq;
        double ce;
        if (own >= max) {
          double rest = 0;
          for (int r = 0; r < k; r++) {
            if (r != c) {
              rest += Math.exp(e.z.get(r, c) / sq - own);
            }
          }
          ce = Math.log1p(rest);
        } else {
          ce = max + Math.log(sum) - own;
        }
        f += sizes[c] * ce;
        double others = 0; // 1 - p_cc as the sum of the other probabilities (no cancellation near p_cc = 1)
        for (int r = 0; r < k; r++) {
          double pr = Math.exp(e.z.get(r, c) / sq - max) / sum;
          e.p.set(r, c, pr);
          if (r != c) {
            others += pr;
            e.q.set(r, c, sq * pr);
          }
        }
        e.q.set(c, c, -sq * others);
      }
      double reg = 0;
      for (double v : x.data) {
        reg += v * v;
      }
      e.f = f + 0.5 * lambda * reg;
      DMatrixRMaj gw = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransB(e.q, hm, gw);
      DMatrixRMaj gh = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransA(wm, e.q, gh);
      e.g = new double[2 * k * k];
      for (int i = 0; i < k * k; i++) {
        e.g[i] = gw.data[i] + lambda * x.data[i];
        e.g[k * k + i] = gh.data[i] + lambda * x.data[k * k + i];
      }
      return e;
    }

    /** Hessian-vector product at x for direction dir = [vec(V) ; vec(U)]. */
    double[] hvp(DMatrixRMaj x, Eval e, double[] dir) {
      DMatrixRMaj wm = new DMatrixRMaj(k, k);
      DMatrixRMaj hm = new DMatrixRMaj(k, k);
      unpack(x, wm, hm);
      DMatrixRMaj vm = new DMatrixRMaj(k, k);
      DMatrixRMaj um = new DMatrixRMaj(k, k);
      System.arraycopy(dir, 0, vm.data, 0, k * k);
      System.arraycopy(dir, k * k, um.data, 0, k * k);
      DMatrixRMaj dz = new DMatrixRMaj(k, k);
      CommonOps_DDRM.mult(vm, hm, dz);
      CommonOps_DDRM.multAdd(wm, um, dz);
      // a_c = A_c dz_c with A_c = diag(p_c) - p_c p_c^T (the 1/sqrt(n) and n factors cancel)
      DMatrixRMaj a = new DMatrixRMaj(k, k);
      for (int c = 0; c < k; c++) {
        double dot = 0;
        for (int r = 0; r < k; r++) {
          dot += e.p.get(r, c) * dz.get(r, c);
        }
        for (int r = 0; r < k; r++) {
          a.set(r, c, e.p.get(r, c) * (dz.get(r, c) - dot));
        }
      }
      DMatrixRMaj hw = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransB(a, hm, hw);
      CommonOps_DDRM.multAddTransB(e.q, um, hw);
      DMatrixRMaj hh = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransA(wm, a, hh);
      CommonOps_DDRM.multAddTransA(vm, e.q, hh);
      double[] out = new double[2 * k * k];
      for (int i = 0; i < k * k; i++) {
        out[i] = hw.data[i] + lambda * dir[i];
        out[k * k + i] = hh.data[i] + lambda * dir[k * k + i];
      }
      return out;
    }

    DMatrixRMaj hessian(DMatrixRMaj x, Eval e) {
      int n = 2 * k * k;
      DMatrixRMaj h = new DMatrixRMaj(n, n);
      double[] dir = new double[n];
      for (int j = 0; j < n; j++) {
        dir[j] = 1;
        double[] col = hvp(x, e, dir);
        dir[j] = 0;
        for (int i = 0; i < n; i++) {
          h.set(i, j, col[i]);
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double m = 0.5 * (h.get(i, j) + h.get(j, i));
          h.set(i, j, m);
          h.set(j, i, m);
        }
      }
      return h;
    }

    /** Damped Newton in place on x; returns the iterations used. */
    int newton(DMatrixRMaj x) {
      int n = 2 * k * k;
      double mu = 1e-3 * lambda;
      Eval e = eval(x);
      int it = 0;
      for (; it < MAX_ITER; it++) {
        double gn = norm(e.g);
        if (gn <= GRAD_TOL * lambda * norm(x.data)) {
          break;
        }
        DMatrixRMaj h = hessian(x, e);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(h)) {
          throw new IllegalStateException("eigendecomposition of the reduced SELI Hessian failed");
        }
        double[] ev = new double[n];
        double[][] vec = new double[n][];
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          ev[i] = eig.getEigenvalue(i).real;
          min = Math.min(min, ev[i]);
          DMatrixRMaj v = eig.getEigenVector(i);
          double vn = norm(v.data);
          vec[i] = new double[n];
          for (int r = 0; r < n; r++) {
            vec[i][r] = v.get(r) / vn;
          }
        }
        boolean accepted = false;
        for (int tries = 0; tries < 60 && !accepted; tries++) {
          double shift = Math.max(0, -min) + mu;
          DMatrixRMaj trial = x.copy();
          for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int r = 0; r < n; r++) {
              dot += vec[i][r] * e.g[r];
            }
            double coef = -dot / (ev[i] + shift);
            for (int r = 0; r < n; r++) {
              trial.data[r] += coef * vec[i][r];
            }
          }
          Eval te = eval(trial);
          boolean better = te.f < e.f || te.f <= e.f + ROUNDOFF_F * Math.abs(e.f) && norm(te.g) < gn;
          if (Double.isFinite(te.f) && better) {
            System.arraycopy(trial.data, 0, x.data, 0, n);
            e = te;
            mu = Math.max(mu / 4, 1e-14 * lambda);
            accepted = true;
          } else {
            mu *= 4;
          }
        }
        if (!accepted) {
          break;
        }
      }
      return it;
    }

    /** Fenchel-Young gap: sum_k n_k KL(p'_k || p_k) + lambda ||Z||_* + <Q/s, Z>, s = max(1, ||Q||_op/lambda). */
    double dualityGap(Eval e) {
      double s = Math.max(1, Svd.singularValues(e.q)[0] / lambda);
      double kl = 0;
      double inner = 0;
      for (int c = 0; c < k; c++) {
        for (int r = 0; r < k; r++) {
          double p = e.p.get(r, c);
          double pp = r == c ? 1 + e.q.get(c, c) / (Math.sqrt(sizes[c]) * s) : p / s;
          if (pp > 0) {
            kl += sizes[c] * pp * Math.log(pp / p);
          }
          inner += e.q.get(r, c) / s * e.z.get(r, c);
        }
      }
      double nuclear = 0;
      for (double sv : Svd.singularValues(e.z)) {
        nuclear += sv;
      }
      return kl + lambda * nuclear + inner;
    }

    /** Jacobian (K^2 x 2K^2) of the normalized observable with respect to x = [vec(W) ; vec(Ht)]. */
    DMatrixRMaj jacobian(Observable o, DMatrixRMaj wm, DMatrixRMaj hm) {
      int n = 2 * k * k;
      DMatrixRMaj base = observable(o, wm, hm);
      double nb = norm(base.data);
      DMatrixRMaj jac = new DMatrixRMaj(k * k, n);
      for (int j = 0; j < n; j++) {
        DMatrixRMaj dw = new DMatrixRMaj(k, k);
        DMatrixRMaj dh = new DMatrixRMaj(k, k);
        if (j < k * k) {
          dw.data[j] = 1;
        } else {
          dh.data[j - k * k] = 1;
        }
        DMatrixRMaj d = differential(o, wm, hm, dw, dh);
        double dot = 0;
        for (int i = 0; i < k * k; i++) {
          dot += base.data[i] * d.data[i];
        }
        for (int i = 0; i < k * k; i++) {
          jac.set(i, j, (d.data[i] - base.data[i] * dot / (nb * nb)) / nb);
        }
      }
      return jac;
    }

    DMatrixRMaj observable(Observable o, DMatrixRMaj wm, DMatrixRMaj hm) {
      DMatrixRMaj out = new DMatrixRMaj(k, k);
      switch (o) {
        case GRAM_W -> CommonOps_DDRM.multTransB(wm, wm, out);
        case LOGITS -> CommonOps_DDRM.mult(wm, hm, out);
        case FEATURE_GRAM -> CommonOps_DDRM.multTransA(hm, hm, out);
        case CLASS_MEAN_GRAM -> {
          CommonOps_DDRM.multTransA(hm, hm, out);
          scaleByInverseRootSizes(out);
        }
        default -> throw new AssertionError(o);
      }
      return out;
    }

    DMatrixRMaj differential(Observable o, DMatrixRMaj wm, DMatrixRMaj hm, DMatrixRMaj dw, DMatrixRMaj dh) {
      DMatrixRMaj out = new DMatrixRMaj(k, k);
      switch (o) {
        case GRAM_W -> {
          CommonOps_DDRM.multTransB(dw, wm, out);
          CommonOps_DDRM.multAddTransB(wm, dw, out);
        }
        case LOGITS -> {
          CommonOps_DDRM.mult(dw, hm, out);
          CommonOps_DDRM.multAdd(wm, dh, out);
        }
        case FEATURE_GRAM, CLASS_MEAN_GRAM -> {
          CommonOps_DDRM.multTransA(dh, hm, out);
          CommonOps_DDRM.multAddTransA(hm, dh, out);
          if (o == Observable.CLASS_MEAN_GRAM) {
            scaleByInverseRootSizes(out);
          }
        }
        default -> throw new AssertionError(o);
      }
      return out;
    }

    private void scaleByInverseRootSizes(DMatrixRMaj a) {
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          a.set(r, c, a.get(r, c) / Math.sqrt((double) sizes[r] * sizes[c]));
        }
      }
    }
  }
}
