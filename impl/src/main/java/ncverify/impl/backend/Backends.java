package ncverify.impl.backend;

/** Chooses the fastest available {@link Blas}. */
public final class Backends {

  private Backends() {
  }

  /** The fastest backend available on this machine (to be replaced by native/blocked backends). */
  public static Blas best() {
    return new NaiveBlas();
  }
}
