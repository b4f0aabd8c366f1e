package ncverify.properties.engine;

/**
 * The checked statement of a property: returns normally when it holds for {@code value} and throws
 * (typically an {@link AssertionError}) when it does not.
 *
 * @param <T> generated input type
 */
@FunctionalInterface
public interface PropertyBody<T> {
  void check(T value) throws Throwable;
}
