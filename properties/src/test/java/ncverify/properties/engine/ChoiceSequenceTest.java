package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class ChoiceSequenceTest {

  @Test
  void printedFormParsesBack() {
    ChoiceSequence c = new ChoiceSequence(new long[] {0, 1, Long.MAX_VALUE, 42});
    assertThat(c).hasToString("0,1,9223372036854775807,42");
    assertThat(ChoiceSequence.parse(c.toString())).isEqualTo(c);
    assertThat(ChoiceSequence.parse("[0, 1, 9223372036854775807, 42]")).isEqualTo(c);
    assertThat(ChoiceSequence.parse("")).isEqualTo(ChoiceSequence.EMPTY);
  }

  @Test
  void orderIsShortlex() {
    ChoiceSequence shortBig = ChoiceSequence.parse("9,9");
    ChoiceSequence longSmall = ChoiceSequence.parse("0,0,0");
    ChoiceSequence sameLengthSmaller = ChoiceSequence.parse("9,8");
    assertThat(shortBig).isLessThan(longSmall);
    assertThat(sameLengthSmaller).isLessThan(shortBig);
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> ChoiceSequence.parse("1,x")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'x' at index 1");
    assertThatThrownBy(() -> new ChoiceSequence(new long[] {-1})).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void isImmutable() {
    long[] raw = {1, 2};
    ChoiceSequence c = new ChoiceSequence(raw);
    raw[0] = 5;
    c.choices()[1] = 7;
    assertThat(c).hasToString("1,2");
  }
}
