package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep copies of JSON-ready maps into serializable LinkedHashMap/ArrayList trees. */
final class PlainMaps {

  private PlainMaps() {
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(Map<String, ?> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, copyValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return copy((Map<String, ?>) m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(copyValue(x)));
      return out;
    }
    if (v == null || v instanceof Number || v instanceof String || v instanceof Boolean) {
      return v;
    }
    return String.valueOf(v);
  }
}
