package ncverify.theory.linalg.blas;

/** Child-JVM entry point for {@link BackendsFallbackTest}: prints the name of the chosen backend. */
public final class BackendProbe {

  private BackendProbe() {
  }

  public static void main(String[] args) {
    System.out.println(Backends.best().name());
  }
}
