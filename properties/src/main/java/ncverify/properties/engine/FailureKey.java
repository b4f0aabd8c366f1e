package ncverify.properties.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which failure a try shows, so shrinking stays on the failure it started from (Hypothesis keys a
 * failure by exception type and location; here by type and, for {@link Identified} failures, an id
 * such as the violated claim's). A shrink candidate counts as the same failure when its keys contain
 * the original's {@link #primary} key.
 */
public final class FailureKey {

  /**
   * A failure that names what failed, e.g. the claim ids a study case violated; a failure may carry
   * several ids (several claims violated on one case), the first is its primary one.
   */
  public interface Identified {
    /** The ids of what failed, most important first; never empty. */
    List<String> failureIds();
  }

  private FailureKey() {
  }

  /** Every key of {@code error}: {@code Type} or {@code Type:id} for each id. */
  public static Set<String> keys(Throwable error) {
    String type = error.getClass().getName();
    Set<String> keys = new LinkedHashSet<>();
    if (error instanceof Identified f && !f.failureIds().isEmpty()) {
      for (String id : f.failureIds()) {
        keys.add(type + ":" + id);
      }
    } else {
      keys.add(type);
    }
    return keys;
  }

  /** The key a shrink keeps: the first of {@link #keys}. */
  public static String primary(Throwable error) {
    return keys(error).iterator().next();
  }
}
