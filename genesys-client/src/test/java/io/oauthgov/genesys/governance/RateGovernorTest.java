package io.oauthgov.genesys.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateGovernorTest {
    private final FakeTime time = new FakeTime();

    @Test
    void neverExceedsTheKnownLimitInAnySlidingWindowYetUsesAtLeast95Percent() {
        RateGovernor governor = new RateGovernor(300, Duration.ofMinutes(1), time);
        List<Instant> sent = new ArrayList<>();

        for (int i = 0; i < 1500; i++) {
            time.sleep(governor.delayBeforeNextCall());
            governor.onCallSent();
            sent.add(time.instant());
        }

        int worst = 0;
        for (int i = 0; i < sent.size(); i++) {
            Instant windowStart = sent.get(i).minus(Duration.ofMinutes(1));
            int inWindow = 0;
            for (int j = i; j >= 0 && sent.get(j).isAfter(windowStart); j--) {
                inWindow++;
            }
            worst = Math.max(worst, inWindow);
        }
        assertThat(worst).as("calls in the busiest 60 s window").isLessThanOrEqualTo(300);
        double perMinute = 1500 / (Duration.between(sent.get(0), sent.get(1499)).toMillis() / 60_000.0);
        assertThat(perMinute / 300).as("utilisation of the limit").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void sleepsThatOverrunDoNotSlowEveryLaterCall() {
        RateGovernor governor = new RateGovernor(6000, Duration.ofMinutes(1), time);
        List<Instant> sent = new ArrayList<>();

        for (int i = 0; i < 3000; i++) {
            time.sleep(governor.delayBeforeNextCall().plusNanos(700_000)); // every sleep wakes 0.7 ms late
            governor.onCallSent();
            sent.add(time.instant());
        }

        double perMinute = 2999 / (Duration.between(sent.get(0), sent.get(2999)).toNanos() / 60e9);
        assertThat(perMinute / 6000).as("utilisation with late wake-ups").isGreaterThanOrEqualTo(0.95).isLessThanOrEqualTo(1.0);
    }

    @Test
    void spacesCallsEvenlyInsteadOfBursting() {
        RateGovernor governor = new RateGovernor(60, Duration.ofMinutes(1), time);
        governor.onCallSent();

        assertThat(governor.delayBeforeNextCall()).as("60/min at 98 % = one call per ~1.02 s")
                .isBetween(Duration.ofMillis(1000), Duration.ofMillis(1100));
    }

    @Test
    void honoursRetryAfterBeforeTheNextCall() {
        RateGovernor governor = new RateGovernor(300, Duration.ofMinutes(1), time);

        governor.block(Duration.ofSeconds(7));

        assertThat(governor.delayBeforeNextCall()).isEqualTo(Duration.ofSeconds(7));
        time.sleep(Duration.ofSeconds(7));
        assertThat(governor.delayBeforeNextCall()).isZero();
    }

    @Test
    void learnsALowerLimitFromResponseHeaders() {
        RateGovernor governor = new RateGovernor(300, Duration.ofMinutes(1), time);

        governor.onHeaders(100, 5, 40L);

        assertThat(governor.limit()).isEqualTo(100);
        assertThat(governor.budget()).isEqualTo(98);
    }

    @Test
    void anExhaustedCountWaitsForTheReset() {
        RateGovernor governor = new RateGovernor(300, Duration.ofMinutes(1), time);

        governor.onHeaders(300, 300, 12L);

        assertThat(governor.delayBeforeNextCall()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void refusesANonPositiveLimit() {
        assertThatThrownBy(() -> new RateGovernor(0, Duration.ofMinutes(1), time)).isInstanceOf(IllegalArgumentException.class);
    }
}
