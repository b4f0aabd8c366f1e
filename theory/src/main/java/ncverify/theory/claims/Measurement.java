package ncverify.theory.claims;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * Immutable named quantities measured on one model (e.g. {@code eps1}, {@code eps2}, {@code kappa_A}),
 * plus optional named matrices, on which a {@link Claim} is judged. Values may be infinite (a bound
 * that does not exist) but never NaN. Asking for a missing quantity throws
 * {@link InvalidInputException} naming it and listing the quantities present.
 */
public final class Measurement {

  private final Map<String, Double> quantities;
  private final Map<String, DMatrixRMaj> matrices;

  private Measurement(Map<String, Double> quantities, Map<String, DMatrixRMaj> matrices) {
    this.quantities = Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
    this.matrices = Collections.unmodifiableMap(new LinkedHashMap<>(matrices));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with this measurement (to derive a modified copy). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.quantities.putAll(quantities);
    matrices.forEach((k, v) -> b.matrices.put(k, v.copy()));
    return b;
  }

  /** The value of a quantity; throws {@link InvalidInputException} naming it when missing. */
  public double get(String name) {
    Double v = quantities.get(name);
    if (v == null) {
      throw InvalidInputException.of("measurement has no quantity '%s' (it has: %s)", name,
          String.join(", ", new TreeSet<>(quantities.keySet())));
    }
    return v;
  }

  /** The value of an integer-valued quantity (class count, depth, ...); throws when not an integer. */
  public int getInt(String name) {
    double v = get(name);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw InvalidInputException.of("quantity '%s' = %s must be an integer", name, v);
    }
    return (int) v;
  }

  /** A copy of a named matrix; throws {@link InvalidInputException} naming it when missing. */
  public DMatrixRMaj matrix(String name) {
    DMatrixRMaj m = matrices.get(name);
    if (m == null) {
      throw InvalidInputException.of("measurement has no matrix '%s' (it has: %s)", name,
          String.join(", ", new TreeSet<>(matrices.keySet())));
    }
    return m.copy();
  }

  public boolean has(String name) {
    return quantities.containsKey(name);
  }

  /** Throws naming the first missing quantity of {@code names}. */
  public void requireAll(Collection<String> names) {
    for (String n : names) {
      get(n);
    }
  }

  /** Quantity names in insertion order. */
  public Set<String> names() {
    return quantities.keySet();
  }

  /** All quantities, unmodifiable, in insertion order. */
  public Map<String, Double> quantities() {
    return quantities;
  }

  @Override
  public String toString() {
    return "Measurement" + quantities + (matrices.isEmpty() ? "" : " matrices=" + matrices.keySet());
  }

  /** Collects quantities; later puts of the same name overwrite earlier ones. */
  public static final class Builder {
    private final Map<String, Double> quantities = new LinkedHashMap<>();
    private final Map<String, DMatrixRMaj> matrices = new LinkedHashMap<>();

    private Builder() {
    }

    /** Adds a quantity; NaN is rejected. */
    public Builder put(String name, double value) {
      if (name == null || name.isBlank()) {
        throw new InvalidInputException("a quantity needs a non-blank name");
      }
      if (Double.isNaN(value)) {
        throw InvalidInputException.of("quantity '%s' is NaN", name);
      }
      quantities.put(name, value);
      return this;
    }

    /** Adds a yes/no quantity as 1 or 0. */
    public Builder flag(String name, boolean value) {
      return put(name, value ? 1.0 : 0.0);
    }

    /** Adds all quantities of another measurement (and its matrices). */
    public Builder putAll(Measurement other) {
      other.quantities.forEach(this::put);
      other.matrices.forEach(this::matrix);
      return this;
    }

    /** Adds a copy of a matrix; entries must be finite. */
    public Builder matrix(String name, DMatrixRMaj m) {
      for (int i = 0; i < m.getNumElements(); i++) {
        if (!Double.isFinite(m.get(i))) {
          throw InvalidInputException.of("matrix '%s' has a non-finite entry at flat index %d", name, i);
        }
      }
      matrices.put(name, m.copy());
      return this;
    }

    public Measurement build() {
      return new Measurement(quantities, matrices);
    }
  }
}
