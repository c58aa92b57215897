package io.oauthgov.genesys.governance;

import java.time.Duration;

/** Waiting, made injectable so tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
