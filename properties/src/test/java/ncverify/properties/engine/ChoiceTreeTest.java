package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ncverify.properties.engine.ChoiceSource.Mode;
import org.junit.jupiter.api.Test;

/** The shrink cache is keyed on the choices a try drew, not on the candidate sequence. */
class ChoiceTreeTest {

  private static final Gen<Integer> GEN = Gen.integers(0, 10);

  private static TryOutcome run(String prefix) {
    return TryOutcome.run(GEN, x -> assertThat(x).isLessThan(5), ChoiceSequence.parse(prefix), Mode.ZERO, 0);
  }

  @Test
  void candidatesDrawingTheSameChoicesHitTheCache() {
    ChoiceTree tree = new ChoiceTree();
    TryOutcome seven = run("7");
    tree.record(seven);
    assertThat(tree.lookup(ChoiceSequence.parse("7,3,3"))).as("unused trailing choices").isSameAs(seven);
    assertThat(tree.lookup(ChoiceSequence.parse("6"))).isNull();
    TryOutcome ten = run("99");
    assertThat(ten.choices()).hasToString("10");
    tree.record(ten);
    assertThat(tree.lookup(ChoiceSequence.parse("12"))).as("clamped to the same drawn choice").isSameAs(ten);
    assertThat(tree.lookup(ChoiceSequence.EMPTY)).isNull();
    assertThat(tree.hits()).isEqualTo(2);
  }

  @Test
  void doubleChoicesAreCanonicalizedBeforeTheLookup() {
    ChoiceTree tree = new ChoiceTree();
    Gen<Double> g = Gen.doubles(0, 2);
    TryOutcome two = TryOutcome.run(g, x -> { }, new ChoiceSequence(new long[] {DoubleEncoding.encode(2.0)}),
        Mode.ZERO, 0);
    tree.record(two);
    // 5.0 is outside [0, 2]: the source reads it as the bound 2.0, the same drawn choice
    assertThat(tree.lookup(new ChoiceSequence(new long[] {DoubleEncoding.encode(5.0)}))).isSameAs(two);
  }
}
