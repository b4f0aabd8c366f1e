package ncverify.impl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Closed-form values and parameter boundaries of the learning-rate schedules and of {@link Sgd}. */
class LrScheduleTest {

  private static final double TOL = 1e-15;

  @Test
  void cosineAnnealsFromTheBaseToTheMinimum() {
    LrSchedule c = new LrSchedule.Cosine(0.1);
    // eta_t = eta_min + (eta_0 - eta_min) (1 + cos(pi t / T)) / 2 with eta_0 = 2, eta_min = 0.2, T = 8
    assertThat(c.lr(2.0, 0, 8)).isCloseTo(2.0, within(TOL));
    assertThat(c.lr(2.0, 4, 8)).isCloseTo(1.1, within(TOL)); // halfway: the average of the two
    assertThat(c.lr(2.0, 8, 8)).isCloseTo(0.2, within(TOL));
    assertThat(c.lr(2.0, 2, 8)).isCloseTo(0.2 + 1.8 * (1 + Math.sqrt(0.5)) / 2, within(1e-14));
    // a run of at most one step stays at the base rate
    assertThat(c.lr(2.0, 1, 1)).isEqualTo(2.0);
    assertThat(c.lr(2.0, 0, 0)).isEqualTo(2.0);
    assertThat(new LrSchedule.Cosine(1.0).lr(3.0, 5, 9)).isCloseTo(3.0, within(TOL));
    assertThat(new LrSchedule.Cosine(0.0).lr(3.0, 9, 9)).isCloseTo(0.0, within(TOL));
    assertThatThrownBy(() -> new LrSchedule.Cosine(-1e-9)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LrSchedule.Cosine(1 + 1e-9)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LrSchedule.Cosine(Double.NaN)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void stepDecayBoundaries() {
    LrSchedule s = new LrSchedule.StepDecay(0.5, 3);
    assertThat(s.lr(1.0, 2, 100)).isEqualTo(1.0);
    assertThat(s.lr(1.0, 3, 100)).isEqualTo(0.5);
    assertThat(s.lr(1.0, 7, 100)).isEqualTo(0.25);
    assertThatCode(() -> new LrSchedule.StepDecay(1.0, 1)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new LrSchedule.StepDecay(0.0, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LrSchedule.StepDecay(1.0 + 1e-9, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LrSchedule.StepDecay(0.5, 0)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void sgdMomentumBoundaries() {
    assertThat(new Sgd(0.0).momentum()).isEqualTo(0.0);
    assertThat(Sgd.plain().name()).isEqualTo("gd");
    assertThat(new Sgd(0.9).name()).isEqualTo("sgd-momentum-0.9");
    assertThatThrownBy(() -> new Sgd(1.0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new Sgd(-1e-9)).isInstanceOf(InvalidInputException.class);
  }
}
