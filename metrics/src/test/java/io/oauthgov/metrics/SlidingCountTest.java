package io.oauthgov.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingCountTest {
    private final AtomicLong count = new AtomicLong();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final SlidingCount perMinute = new SlidingCount(count::get, Duration.ofMinutes(1), clock);

    @Test
    void isUnknownUntilThereAreTwoSamplesToCompare() {
        assertThat(perMinute.perWindow()).isNaN();
    }

    @Test
    void scalesAShortHistoryToOneWindow() {
        perMinute.perWindow();
        advance(Duration.ofSeconds(15), 50);

        assertThat(perMinute.perWindow()).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void measuresFromTheNewestSampleAtLeastOneWindowOld() {
        perMinute.perWindow();                       // t=0, 0
        advance(Duration.ofSeconds(30), 1_000);      // a burst long ago
        perMinute.perWindow();                       // t=30, 1000
        advance(Duration.ofSeconds(60), 120);
        perMinute.perWindow();                       // t=90, 1120: baseline t=30 (exactly a window old)
        advance(Duration.ofSeconds(30), 60);

        // t=120: the window starts at t=60, and the newest sample at or before it is t=30
        assertThat(perMinute.perWindow()).as("180 calls over 90 s, per minute").isCloseTo(120.0, within(1e-9));
    }

    @Test
    void forgetsBurstsOlderThanTheWindow() {
        perMinute.perWindow();
        advance(Duration.ofSeconds(10), 5_000);
        perMinute.perWindow();
        for (int i = 0; i < 12; i++) {
            advance(Duration.ofSeconds(10), 10);
            perMinute.perWindow();
        }

        assertThat(perMinute.perWindow()).isCloseTo(60.0, within(1e-9));
    }

    private void advance(Duration by, long calls) {
        now = now.plus(by);
        count.addAndGet(calls);
    }
}
