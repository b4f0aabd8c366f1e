package ncverify.properties.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The cache of a shrink or targeted search, keyed on the choices a try actually drew (Hypothesis's
 * "data tree"): a trie of drawn choices where each node knows the bound and type of the choice drawn
 * there, and each leaf the outcome of the try that ended there. A candidate sequence is simulated
 * through the trie (each choice read as the source would read it: clamped, canonicalized, 0 after the
 * end), so two candidates that would draw the same choices run the body once. The body must be
 * deterministic in its choices, as shrinking already assumes. At most {@link #MAX_NODES} nodes are
 * kept; beyond that new tries are not recorded (they still run).
 */
final class ChoiceTree {

  /** Upper bound on nodes (memory). */
  static final int MAX_NODES = 400_000;

  private static final class Node {
    long max;
    ChoiceKind kind;
    TryOutcome result;
    long onlyKey;
    Node only;
    Map<Long, Node> more;

    Node child(long key) {
      if (only != null && onlyKey == key) {
        return only;
      }
      return more == null ? null : more.get(key);
    }

    Node addChild(long key) {
      Node n = new Node();
      if (only == null) {
        onlyKey = key;
        only = n;
      } else {
        if (more == null) {
          more = new HashMap<>();
        }
        more.put(key, n);
      }
      return n;
    }
  }

  private final Node root = new Node();
  private int nodes = 1;
  private int hits;

  /** The recorded outcome of a try that would draw the same choices as {@code candidate}, or null. */
  TryOutcome lookup(ChoiceSequence candidate) {
    Node node = root;
    for (int i = 0; ; i++) {
      if (node.result != null) {
        hits++;
        return node.result;
      }
      if (node.kind == null) {
        return null;
      }
      long raw = i < candidate.length() ? candidate.get(i) : 0;
      node = node.child(node.kind.fit(raw, node.max));
      if (node == null) {
        return null;
      }
    }
  }

  /** Records {@code o} under the choices it drew. */
  void record(TryOutcome o) {
    Node node = root;
    long[] maxes = o.maxes();
    ChoiceKind[] kinds = o.kinds();
    for (int i = 0; i < o.choices().length(); i++) {
      node.max = maxes[i];
      node.kind = kinds[i];
      Node next = node.child(o.choices().get(i));
      if (next == null) {
        if (nodes >= MAX_NODES) {
          return;
        }
        next = node.addChild(o.choices().get(i));
        nodes++;
      }
      node = next;
    }
    node.result = o;
  }

  /** Lookups answered from the tree. */
  int hits() {
    return hits;
  }
}
