package io.oauthgov.genesys.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void fullJitterStaysBetweenZeroAndTheExponentialCeilingCappedAtTheMaximum() {
        Backoff top = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.999_999);
        Backoff bottom = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.0);

        assertThat(top.delay(1)).isEqualTo(Duration.ofMillis(99));
        assertThat(top.delay(3)).isEqualTo(Duration.ofMillis(399));
        assertThat(top.delay(30)).isEqualTo(Duration.ofMillis(1999));
        assertThat(bottom.delay(5)).isZero();
    }
}
