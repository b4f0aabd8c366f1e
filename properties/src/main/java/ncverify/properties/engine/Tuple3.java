package ncverify.properties.engine;

/** A triple of generated values, from {@link Gen#tuple(Gen, Gen, Gen)}. */
public record Tuple3<A, B, C>(A first, B second, C third) {
  @Override
  public String toString() {
    return "(" + first + ", " + second + ", " + third + ")";
  }
}
