package ncverify.properties.engine;

/** A pair of generated values, from {@link Gen#tuple(Gen, Gen)}. */
public record Tuple2<A, B>(A first, B second) {
  @Override
  public String toString() {
    return "(" + first + ", " + second + ")";
  }
}
