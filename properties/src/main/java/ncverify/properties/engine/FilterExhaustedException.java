package ncverify.properties.engine;

/**
 * A {@link Gen#filter} rejected every value of its budget in one try: the filter is too strict and
 * the generator should produce valid values directly. Fails the property with this message.
 */
public final class FilterExhaustedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  FilterExhaustedException(String filterName, int budget) {
    super("filter '" + filterName + "' rejected " + budget + " values in a row; it is too strict:"
        + " generate valid values directly instead of filtering");
  }
}
