package io.oauthgov.genesys.governance;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (a random wait between zero and base·2^attempt, capped): retries from many
 * callers spread out instead of arriving together. The random source is injectable for tests.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** Wait before retry number {@code attempt} (1 = first retry). */
    public Duration delay(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }
}
