package io.oauthgov.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's own arithmetic; no benchmark runs in `mvn verify`. */
class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertThat(Stats.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
    }

    @Test
    void medianOfOneValueIsThatValue() {
        assertThat(Stats.median(List.of(42.0))).isEqualTo(42.0);
    }

    @Test
    void medianOfNothingIsRefused() {
        assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void medianDoesNotReorderTheCallersList() {
        List<Double> samples = new java.util.ArrayList<>(List.of(3.0, 1.0, 2.0));
        Stats.median(samples);
        assertThat(samples).containsExactly(3.0, 1.0, 2.0);
    }

    @Test
    void spreadIsTheRangeRelativeToTheMedian() {
        assertThat(Stats.relativeSpread(List.of(90.0, 100.0, 110.0))).isEqualTo(0.2);
        assertThat(Stats.relativeSpread(List.of(7.0))).isZero();
    }

    @Test
    void ratePerSecondFromNanoseconds() {
        assertThat(Stats.perSecond(500, 250_000_000L)).isEqualTo(2000.0);
        assertThatThrownBy(() -> Stats.perSecond(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goalsJudgeOnlyMeasuredValues() {
        assertThat(Goal.atLeast(0.35, "").met(0.35)).isTrue();
        assertThat(Goal.below(45, "").met(45.0)).isFalse();
        assertThat(Goal.atMost(250, "").met(250.0)).isTrue();
        assertThat(Goal.atLeast(0.35, "").met(null)).isNull();
        assertThat(Goal.none().met(1.0)).isNull();
    }
}
