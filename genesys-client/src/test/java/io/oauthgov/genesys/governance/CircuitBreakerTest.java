package io.oauthgov.genesys.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final FakeTime time = new FakeTime();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), time);

    @Test
    void opensAfterConsecutiveFailuresAndHalfOpensAfterTheCoolDown() {
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        breaker.onFailure();
        assertThat(breaker.allowsCall()).isFalse();

        time.sleep(Duration.ofSeconds(30));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.allowsCall()).isTrue();
    }

    @Test
    void aFailedTrialCallOpensAgainAndASuccessfulOneCloses() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        time.sleep(Duration.ofSeconds(30));

        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        time.sleep(Duration.ofSeconds(30));
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
