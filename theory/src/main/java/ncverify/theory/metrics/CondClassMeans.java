package ncverify.theory.metrics;

/**
 * Conditioning of the uncentered class means (docs/theory.md section 1, key {@code cond_class_means};
 * [JSWM]'s NC2): kappa(Mbar) = s_max / s_min over the min(d, K) singular values of Mbar (d x K).
 * Equals 1 iff the class means are orthogonal with equal norms (when d >= K);
 * Double.POSITIVE_INFINITY if s_min is exactly 0 (see {@link Conditioning}).
 */
public final class CondClassMeans {

  private CondClassMeans() {}

  /** kappa(Mbar). */
  public static double of(ClassMeans means) {
    return Conditioning.cond(means.mbarRef());
  }
}
