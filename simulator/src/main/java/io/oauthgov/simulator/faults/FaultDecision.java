package io.oauthgov.simulator.faults;

import java.time.Duration;

/**
 * What the fault plan does to one API call: an optional delay, then at most one of: drop the connection,
 * answer 429, answer a 5xx.
 */
public record FaultDecision(Duration delay, boolean resetConnection, int throttleRetryAfterSeconds,
        int serverErrorStatus) {

    public static final FaultDecision NONE = new FaultDecision(Duration.ZERO, false, 0, 0);

    public boolean throttle() {
        return throttleRetryAfterSeconds > 0;
    }

    public boolean serverError() {
        return serverErrorStatus > 0;
    }
}
