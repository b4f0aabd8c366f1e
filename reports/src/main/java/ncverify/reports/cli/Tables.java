package ncverify.reports.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-text tables for the terminal. */
final class Tables {

  private Tables() {
  }

  /** A two-column metric table; nested balancedness entries become one row per layer pair. */
  static String metrics(Map<String, Object> map) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      Object v = e.getValue();
      if (v instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof Map<?, ?> m) {
            StringBuilder row = new StringBuilder();
            for (Map.Entry<?, ?> me : m.entrySet()) {
              row.append(me.getKey()).append('=').append(format(me.getValue())).append("  ");
            }
            b.append(String.format(Locale.ROOT, "%-24s %s%n", e.getKey() + "[" + (i + 1) + "," + (i + 2) + "]", row.toString().strip()));
          }
        }
      } else {
        b.append(String.format(Locale.ROOT, "%-24s %s%n", e.getKey(), format(v)));
      }
    }
    return b.toString();
  }

  /** Matrices (double[][]) and vectors (double[], boolean[], lists of numbers) become one line each. */
  static Map<String, Object> flatten(Map<String, Object> map) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      Object v = e.getValue();
      if (v instanceof double[][] m) {
        for (int i = 0; i < m.length; i++) {
          out.put(e.getKey() + "[" + i + "]", vector(m[i]));
        }
      } else if (v instanceof double[] a) {
        out.put(e.getKey(), vector(a));
      } else if (v instanceof int[] a) {
        out.put(e.getKey(), java.util.Arrays.toString(a));
      } else if (v instanceof boolean[] a) {
        out.put(e.getKey(), java.util.Arrays.toString(a));
      } else if (v instanceof List<?> l && !l.isEmpty() && !(l.get(0) instanceof Map)) {
        StringBuilder b = new StringBuilder();
        for (Object o : l) {
          b.append(b.length() == 0 ? "" : "  ").append(format(o));
        }
        out.put(e.getKey(), b.toString());
      } else {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }

  static String vector(double[] a) {
    StringBuilder b = new StringBuilder();
    for (double x : a) {
      b.append(b.length() == 0 ? "" : "  ").append(format(x));
    }
    return b.toString();
  }

  static String format(Object v) {
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.toString();
      }
      double a = Math.abs(d);
      return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.6e", d) : String.format(Locale.ROOT, "%.6f", d);
    }
    return String.valueOf(v);
  }
}
