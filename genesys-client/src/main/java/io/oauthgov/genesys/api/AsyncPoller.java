package io.oauthgov.genesys.api;

import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.governance.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Polls an asynchronous query (usage, audit) until it finishes, with a growing pause between polls and a bounded
 * total wait: a query the platform never finishes fails clearly instead of hanging a collector run.
 */
final class AsyncPoller {
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration maxWait;

    AsyncPoller(Clock clock, Sleeper sleeper, Duration maxWait) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxWait = maxWait;
    }

    /** Calls {@code poll} until it returns non-null. */
    <T> T await(String what, Supplier<T> poll) {
        Instant deadline = clock.instant().plus(maxWait);
        Duration pause = Duration.ofMillis(100);
        while (true) {
            T result = poll.get();
            if (result != null) {
                return result;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new GenesysApiException(what + " did not complete within " + maxWait.toSeconds() + " s", 0,
                        "query.timeout", null, null, true, null);
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GenesysApiException("Interrupted waiting for " + what, 0, null, null, null, false, e);
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : pause.multipliedBy(2);
        }
    }
}
