package io.oauthgov.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.simulator.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2025-06-02T12:00:00Z"));

    @Test
    void admitsExactlyTheLimitWithinOneWindowAndRefusesTheNext() {
        RateLimiter limiter = new RateLimiter(Duration.ofMinutes(1), 300, 0, Map.of());

        for (int i = 1; i <= 300; i++) {
            assertThat(limiter.tryAcquire("org", "collector", clock.instant()).allowed()).as("request %d", i).isTrue();
            clock.advance(Duration.ofMillis(100));
        }
        RateLimiter.Decision refused = limiter.tryAcquire("org", "collector", clock.instant());

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.decisionCount()).isEqualTo(300);
        assertThat(refused.retryAfterSeconds()).as("oldest request leaves the window 30 s later").isEqualTo(30);
    }

    @Test
    void windowSlidesSoSlotsFreeUpAsOldRequestsAge() {
        RateLimiter limiter = new RateLimiter(Duration.ofMinutes(1), 2, 0, Map.of());
        limiter.tryAcquire("org", "a", clock.instant());
        clock.advance(Duration.ofSeconds(30));
        limiter.tryAcquire("org", "a", clock.instant());
        assertThat(limiter.tryAcquire("org", "a", clock.instant()).allowed()).isFalse();

        clock.advance(Duration.ofSeconds(30));

        assertThat(limiter.tryAcquire("org", "a", clock.instant()).allowed()).as("first request aged out").isTrue();
        assertThat(limiter.tryAcquire("org", "a", clock.instant()).allowed()).as("second still inside").isFalse();
    }

    @Test
    void identitiesHaveSeparateBudgetsButShareTheOrgLimit() {
        RateLimiter limiter = new RateLimiter(Duration.ofMinutes(1), 2, 3, Map.of("big", 10));

        assertThat(limiter.tryAcquire("org", "a", clock.instant()).allowed()).isTrue();
        assertThat(limiter.tryAcquire("org", "a", clock.instant()).allowed()).isTrue();
        assertThat(limiter.tryAcquire("org", "a", clock.instant()).allowed()).isFalse();
        assertThat(limiter.tryAcquire("org", "big", clock.instant()).allowed()).isTrue();
        assertThat(limiter.tryAcquire("org", "big", clock.instant()).allowed()).as("org limit of 3 reached").isFalse();
        assertThat(limiter.tryAcquire("other-org", "c", clock.instant()).allowed()).isTrue();
    }
}
