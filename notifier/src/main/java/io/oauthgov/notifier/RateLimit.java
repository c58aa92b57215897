package io.oauthgov.notifier;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket of {@code perMinute} deliveries, full at start and refilled continuously: a burst of one minute's
 * worth goes out at once, then one delivery every {@code 60 s / perMinute}. Waits through the injected {@link Pause},
 * so tests never sleep.
 */
final class RateLimit {
    /** How a stage waits; {@code Thread::sleep} in production. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int perMinute;
    private final Clock clock;
    private final Pause pause;
    private double tokens;
    private long refilledAtNanos;

    RateLimit(int perMinute, Clock clock, Pause pause) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.pause = pause;
        this.tokens = perMinute;
        this.refilledAtNanos = nanos();
    }

    /** Takes one delivery's token, waiting until one is there. */
    void acquire() throws InterruptedException {
        refill();
        while (tokens < 1) {
            long waitNanos = (long) Math.ceil((1 - tokens) * 60_000_000_000d / perMinute);
            pause.sleep(Duration.ofNanos(waitNanos));
            refill();
        }
        tokens -= 1;
    }

    private void refill() {
        long now = nanos();
        tokens = Math.min(perMinute, tokens + (now - refilledAtNanos) * perMinute / 60_000_000_000d);
        refilledAtNanos = now;
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
