package ncverify.theory.metrics;

/**
 * Balancedness of one pair of consecutive linear layers (W_l, W_{l+1}); see {@link Balancedness}.
 *
 * @param abs ||W_{l+1}^T W_{l+1} - W_l W_l^T||_F
 * @param rel abs / ||W_l W_l^T||_F
 * @param op ||W_{l+1}^T W_{l+1} - W_l W_l^T||_op
 */
public record BalancednessPair(double abs, double rel, double op) {

  /** As a map {abs, rel, op} in this order (the JSON form of docs/theory.md section 1). */
  public java.util.LinkedHashMap<String, Object> toMap() {
    java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("abs", abs);
    m.put("rel", rel);
    m.put("op", op);
    return m;
  }
}
