package ncverify.reports.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;

/** Claims per backbone family: counts per family from the tries' "backbone" observation only. */
class BackboneBreakdownTest {

  private static TryRecord record(int i, String backbone, Verdict a, Verdict b, String target, String error) {
    List<ClaimTry> claims = error != null ? List.of() : List.of(new ClaimTry("c.a", a, null, null, Map.of()),
        new ClaimTry("c.b", b, null, null, Map.of()));
    Map<String, Object> obs = backbone == null ? Map.of() : Map.of(BackboneBreakdown.OBSERVATION, backbone);
    return new TryRecord("s", i, 1, 2, "case", "", claims, error, obs, 1, target);
  }

  @Test
  void countsTheGeneratedTriesOfEachFamily() {
    List<TryRecord> rs = List.of(
        record(0, "mlp", Verdict.HOLDS, Verdict.NOT_APPLICABLE, null, null),
        record(1, "cnn", Verdict.HOLDS, Verdict.HOLDS, null, null),
        record(2, "cnn", Verdict.NOT_APPLICABLE, Verdict.VIOLATED, null, null),
        record(3, "resnet", Verdict.NOT_APPLICABLE, Verdict.NOT_APPLICABLE, null, null),
        record(4, null, Verdict.HOLDS, Verdict.HOLDS, null, null),
        record(5, "cnn", Verdict.HOLDS, Verdict.HOLDS, "c.a", null),
        record(6, "cnn", null, null, null, "boom"));
    Map<String, Map<String, BackboneBreakdown.Counts>> by = BackboneBreakdown.of(rs);
    assertThat(by.keySet()).containsExactly("c.a", "c.b");
    assertThat(by.get("c.a").keySet()).containsExactly("cnn", "mlp", "resnet");
    assertThat(by.get("c.a").get("cnn")).isEqualTo(new BackboneBreakdown.Counts(2, 1, 0, 1));
    assertThat(by.get("c.b").get("cnn")).isEqualTo(new BackboneBreakdown.Counts(2, 1, 1, 0));
    assertThat(by.get("c.b").get("cnn").coverage()).isEqualTo(1.0);
    assertThat(by.get("c.a").get("resnet").coverage()).isZero();
    assertThat(by.get("c.b").get("cnn").applicable()).isEqualTo(2);
    assertThat(BackboneBreakdown.triesPerFamily(rs)).containsExactly(Map.entry("cnn", 2), Map.entry("mlp", 1),
        Map.entry("resnet", 1));
    assertThat(BackboneBreakdown.markdown(rs)).contains("## Claims per backbone family",
        "(cnn 2 tries, mlp 1 try, resnet 1 try)", "| c.b | cnn | 2 | 2 (100%) | 1 | 1 | 0 |",
        "| c.a | mlp | 1 | 1 (100%) | 1 | 0 | 0 |", "| c.a | resnet | 1 | 0 (0%) | 0 | 0 | 1 |");
    assertThat(BackboneBreakdown.toJson(rs).get("c.b")).isEqualTo(Map.of(
        "cnn", Map.of("tries", 2, "applicable", 2, "holds", 1, "violated", 1, "not_applicable", 0, "coverage", 1.0),
        "mlp", Map.of("tries", 1, "applicable", 0, "holds", 0, "violated", 0, "not_applicable", 1, "coverage", 0.0),
        "resnet", Map.of("tries", 1, "applicable", 0, "holds", 0, "violated", 0, "not_applicable", 1,
            "coverage", 0.0)));
    assertThat(BackboneBreakdown.markdown(List.of(record(0, null, Verdict.HOLDS, Verdict.HOLDS, null, null)))).isEmpty();
  }
}
