package ncverify.reports.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.jswm.BalancednessStepClaim;
import ncverify.theory.claims.jswm.JswmQuantities;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.linalg.Parallel;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.NcMetrics;
import org.ejml.data.DMatrixRMaj;

/**
 * Judges the registered claims on one externally trained model, only on what the given arrays and
 * settings measure.
 *
 * <ul>
 *   <li>Metrics: {@link NcMetrics#measure} on the penultimate features H, labels, W and the layers.
 *   <li>[JSWM] quantities ({@link JswmQuantities}, docs/theory.md section 5): need the linear head
 *       W_{L1+1}..W_L ({@code layers}, W appended when the last layer is not K x d) and the features
 *       Z_{L1} entering it ({@code preLinear}). A quantity that depends on a setting the user did not give
 *       is left out, never filled with a default: lambda without {@code --lambda-w}, eta without
 *       {@code --lr}. The critical-point quantities are never measured here: the claim cross-checks a
 *       training engine's own gradients, which are not in the files ({@link #CRITICAL_POINT_REASON}).
 *   <li>Head stationarity ({@link HeadStationarity}), given lambda_W and the loss: the relative gradient
 *       of the loss + weight decay with respect to the head layers, the features fixed.
 *   <li>Every claim gets a verdict: HOLDS / VIOLATED / NOT_APPLICABLE when all its quantities were
 *       measured, otherwise {@link #NOT_JUDGED} with the quantities not measured and why. A claim
 *       about the unconstrained features model ([SELI], [DLN], [DUFM]: free features at an optimum) is
 *       never judged on a network; the network is compared with the UFM optimum as a gap ({@link UfmGap}).
 * </ul>
 *
 * @param h penultimate features, d x N
 * @param labels labels 0..K-1
 * @param w classifier, K x d
 * @param layers linear layers in order (may be empty)
 * @param preLinear features entering the first of {@code layers}, n x N, or null
 * @param lambdaW weight decay of the layers, or null (unknown)
 * @param lambdaH weight decay of the features (only for the UFM comparison), or null
 * @param loss {@code mse} or {@code ce}, or null (unknown)
 * @param reduction how the training loss combined the samples (the scale of its gradient)
 * @param eta the training learning rate, or null (unknown)
 */
public record ModelCheck(DMatrixRMaj h, int[] labels, DMatrixRMaj w, List<DMatrixRMaj> layers, DMatrixRMaj preLinear,
    Double lambdaW, Double lambdaH, String loss, LossReduction reduction, Double eta) {

  /** The verdict of a claim whose quantities were not all measured from the given inputs. */
  public static final String NOT_JUDGED = "NOT_JUDGED";
  /** Measurement quantity: max_l rho_l of {@link HeadStationarity}. */
  public static final String HEAD_STATIONARITY = "head_stationarity_rel";
  /** Why a UFM claim is not judged on a network. */
  public static final String UFM_REASON = "a statement about the unconstrained features model (free features at"
      + " its optimum); a network's features are not free variables, so the network is compared with the UFM"
      + " optimum as a gap (ufm_gap), not judged";

  private static final Set<String> CRITICAL_POINT = Set.of(JswmQuantities.CRIT_D_OP, JswmQuantities.CRIT_BOUND,
      JswmQuantities.CRIT_IDENTITY_RESIDUAL, JswmQuantities.CRIT_IDENTITY_SCALE, JswmQuantities.CRIT_LAMBDA_D);
  /**
   * Why the critical-point claim is never judged from dumped arrays: it cross-checks a training engine's own
   * gradient R = G + lambda W (docs/theory.md section 5.8); recomputed from the arrays it would hold by algebra.
   */
  static final String CRITICAL_POINT_REASON = "the training engine's own gradients R = G + lambda W (the claim"
      + " cross-checks a trainer's backprop and weight decay; recomputed from these arrays it would hold by"
      + " algebra, so ncv check does not judge it; head_stationarity reports how far the head is from a critical"
      + " point)";

  public ModelCheck {
    layers = List.copyOf(layers);
    if (loss != null && !loss.equals("mse") && !loss.equals("ce")) {
      throw InvalidInputException.of("--loss must be 'mse' or 'ce', got '%s'", loss);
    }
    if (eta != null && (!(eta > 0) || Double.isInfinite(eta))) {
      throw InvalidInputException.of("--lr must be finite and > 0, got %s", eta);
    }
    if (lambdaW != null && (!(lambdaW > 0) || Double.isInfinite(lambdaW))
        || lambdaH != null && (!(lambdaH > 0) || Double.isInfinite(lambdaH))) {
      throw InvalidInputException.of("--lambda-w and --lambda-h must be finite and > 0, got %s and %s", lambdaW,
          lambdaH);
    }
    if (preLinear != null && preLinear.numCols != labels.length) {
      throw InvalidInputException.of("pre-linear features have %d samples but there are %d labels",
          preLinear.numCols, labels.length);
    }
    if (reduction == null) {
      reduction = LossReduction.SUM;
    }
  }

  /**
   * {@code {metrics, claims: [{id, paper, theorem, verdict, assumptions, conclusion, not_measured}], summary,
   * stationarity, ufm_gap, notes}}.
   */
  public Map<String, Object> run() {
    LabeledFeatures labeled = LabeledFeatures.of(h, labels);
    int k = w.numRows;
    LabeledFeatures lf = k == labeled.numClasses() ? labeled : new LabeledFeatures(h, labels, k);
    // the metrics of H and the head's quantities read different matrices: computed at the same time
    Parallel.Pair<Map<String, Object>, Map<String, Object>> both = Parallel.both(
        () -> NcMetrics.measure(lf, w, null, layers).toMap(), () -> judged(lf.classSizes(), k));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("metrics", both.first());
    out.putAll(both.second());
    return out;
  }

  /** Everything but the metrics: {@code {claims, summary, stationarity, ufm_gap, notes}}. */
  private Map<String, Object> judged(int[] sizes, int k) {
    List<String> notes = new ArrayList<>();
    Map<String, String> unmeasured = new LinkedHashMap<>();
    Measurement.Builder mb = Measurement.builder();
    List<DMatrixRMaj> head = head(k);
    DMatrixRMaj zIn = layers.isEmpty() ? h : preLinear;
    boolean jswm = head.size() >= 2 && zIn != null;
    String otherwise = jswm ? "not measurable from the given arrays"
        : "a [JSWM] quantity of the linear head: give --layers (>= 2 linear layers) and"
            + " --pre-linear-features (the features entering them)";
    // the [JSWM] quantities on one side, the head stationarity and the UFM gap (which share the forward pass
    // through the head) on the other: independent, so computed at the same time
    List<String> gapNotes = new ArrayList<>();
    Forward forward = new Forward(head, zIn);
    Parallel.Pair<Measurement, List<Map<String, Object>>> measured = Parallel.both(
        () -> jswm ? jswm(forward, k, unmeasured) : null,
        () -> {
          Map<String, Object> s = stationarity(forward, k, gapNotes);
          return List.of(s, ufmGap(sizes, k, forward, gapNotes));
        });
    if (jswm) {
      mb.putAll(measured.first());
    }
    for (String q : new BalancednessStepClaim().requiredQuantities()) {
      unmeasured.put(q, "a gradient step of the training run (the weights before and after it), not in the arrays");
    }
    Map<String, Object> stationarity = measured.second().get(0);
    if (Boolean.TRUE.equals(stationarity.get("measured"))) {
      mb.put(HEAD_STATIONARITY, (double) stationarity.get("max_relative"));
    }
    notes.addAll(gapNotes);
    Measurement m = mb.build();
    List<Object> claims = new ArrayList<>();
    Map<String, Integer> summary = new LinkedHashMap<>();
    for (String v : new String[] {"HOLDS", "VIOLATED", "NOT_APPLICABLE", NOT_JUDGED}) {
      summary.put(v, 0);
    }
    for (Claim c : ClaimRegistry.standard().all()) {
      Map<String, Object> e = judge(c, m, unmeasured, otherwise);
      summary.merge((String) e.get("verdict"), 1, Integer::sum);
      claims.add(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("claims", claims);
    out.put("summary", summary);
    out.put("stationarity", stationarity);
    out.put("ufm_gap", measured.second().get(1));
    out.put("notes", notes);
    return out;
  }

  /** The [JSWM] quantities, without those that depend on a setting the user did not give. */
  private Measurement jswm(Forward forward, int k, Map<String, String> unmeasured) {
    double c = loss == null ? 1.0 : reduction.scale(loss, labels.length, k);
    Measurement all = JswmQuantities.measure(forward.head(), forward.zIn(), forward::outputs, labels, k,
        lambdaW == null ? 0.0 : lambdaW, eta == null ? 0.0 : eta, c);
    if (lambdaW == null) {
      unmeasured.put(JswmQuantities.LAMBDA, "the weight decay of the layers: give --lambda-w");
    }
    CRITICAL_POINT.forEach(q -> unmeasured.put(q, CRITICAL_POINT_REASON));
    if (eta == null) {
      unmeasured.put(JswmQuantities.ETA, "the learning rate of the training run: give --lr");
    }
    Measurement.Builder kept = Measurement.builder();
    all.quantities().forEach((q, v) -> {
      if (!unmeasured.containsKey(q)) {
        kept.put(q, v);
      }
    });
    return kept.build();
  }

  /** Head stationarity given lambda_W and the loss ({@code max_relative} is {@link #HEAD_STATIONARITY}). */
  private Map<String, Object> stationarity(Forward forward, int k, List<String> notes) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (lambdaW == null || loss == null || forward.zIn() == null) {
      s.put("measured", false);
      s.put("needs", "--lambda-w and --loss (and --reduction), the head layers (--layers, or W alone) and the"
          + " features entering them (--pre-linear-features with --layers)");
      return s;
    }
    List<HeadStationarity.Layer> ls = HeadStationarity.measure(forward.head(), forward.outputs(), labels, loss,
        reduction.scale(loss, labels.length, k), lambdaW);
    double max = HeadStationarity.maxRelative(ls);
    s.put("measured", true);
    s.put("loss", loss);
    s.put("reduction", reduction.cliName());
    s.put("loss_scale", reduction.scale(loss, labels.length, k));
    s.put("lambda_w", lambdaW);
    s.put("layers", HeadStationarity.toMaps(ls));
    s.put("max_relative", max);
    s.put("near_critical_threshold", HeadStationarity.NEAR_CRITICAL_REL);
    s.put("near_critical", max <= HeadStationarity.NEAR_CRITICAL_REL);
    s.put("meaning", "relative gradient ||G_l + lambda W_l|| / (||G_l|| + lambda ||W_l||) of the training objective"
        + " with respect to each head layer, the features entering the head fixed: 0 at a critical point, 1 when"
        + " the loss gradient and the weight decay do not cancel; the backbone's gradient is not measured");
    if (max > HeadStationarity.NEAR_CRITICAL_REL) {
      notes.add(String.format(java.util.Locale.ROOT, "the head is not near a critical point of the training"
          + " objective (relative gradient %.3g > %.0e): check --lambda-w, --loss and --reduction, or train longer",
          max, HeadStationarity.NEAR_CRITICAL_REL));
    }
    return s;
  }

  private static Map<String, Object> judge(Claim c, Measurement m, Map<String, String> unmeasured, String otherwise) {
    Map<String, Object> e;
    List<Object> notMeasured = new ArrayList<>();
    boolean ufm = c.paper() != Paper.JSWM;
    List<String> absent = c.requiredQuantities().stream().filter(q -> !m.has(q)).toList();
    if (!ufm && absent.isEmpty()) {
      e = new LinkedHashMap<>(c.evaluate(m).toJsonMap());
    } else {
      e = new LinkedHashMap<>();
      e.put("id", c.id());
      e.put("paper", c.paper().key());
      e.put("theorem", c.theorem());
      e.put("verdict", NOT_JUDGED);
      e.put("assumptions", Map.of());
      e.put("conclusion", null);
      if (ufm) {
        notMeasured.add(Map.of("quantity", "unconstrained features model", "reason", UFM_REASON));
      } else {
        for (String q : absent) {
          notMeasured.add(Map.of("quantity", q, "reason", unmeasured.getOrDefault(q, otherwise)));
        }
      }
    }
    e.put("not_measured", notMeasured);
    return e;
  }

  /**
   * The UFM comparisons that the settings allow, each with what it means. The [DLN] chain and its input are
   * the head and Z_0 of {@code forward} (W alone and H when no layers were given).
   */
  private Map<String, Object> ufmGap(int[] sizes, int k, Forward forward, List<String> notes) {
    Map<String, Object> gap = new LinkedHashMap<>();
    if (lambdaW == null || lambdaH == null) {
      notes.add("give --lambda-w and --lambda-h (and --loss) to compare the network with the UFM optimum");
      return gap;
    }
    if (loss == null || loss.equals("mse")) {
      if (forward.zIn() == null) {
        notes.add("[DLN] comparison needs --pre-linear-features (the features H entering W_1)");
      } else {
        Map<String, Object> dl = UfmGap.deepLinear(forward.head(), forward.zIn(), forward::outputs, labels, sizes,
            lambdaW, lambdaH, notes);
        if (dl != null) {
          gap.put("deep_linear", dl);
        }
      }
    }
    if (loss == null || loss.equals("ce")) {
      gap.put("seli", UfmGap.seli(w, sizes));
    }
    return gap;
  }

  /**
   * The forward pass through the head (Z_0 = zIn, ..., Z_L), computed once on first use (by whichever of the
   * concurrent [JSWM] quantities and stationarity asks first; the other waits) and shared with the [DLN] gap.
   */
  private static final class Forward {
    private final List<DMatrixRMaj> head;
    private final DMatrixRMaj zIn;
    private List<DMatrixRMaj> outputs;

    Forward(List<DMatrixRMaj> head, DMatrixRMaj zIn) {
      this.head = head;
      this.zIn = zIn;
    }

    List<DMatrixRMaj> head() {
      return head;
    }

    DMatrixRMaj zIn() {
      return zIn;
    }

    synchronized List<DMatrixRMaj> outputs() {
      if (outputs == null) {
        outputs = HeadProducts.forward(head, zIn);
      }
      return outputs;
    }
  }

  /** The linear head: the layers, with W appended when the last layer does not output K values. */
  List<DMatrixRMaj> head(int k) {
    List<DMatrixRMaj> head = new ArrayList<>(layers);
    if (head.isEmpty() || head.get(head.size() - 1).numRows != k) {
      head.add(w);
    }
    return head;
  }
}
