package io.oauthgov.simulator.faults;

import java.time.Duration;

/** How long a fault lasts: a number of affected calls, a span of (simulator clock) time, or until cleared. */
public record FaultLimit(int calls, Duration duration) {

    public static FaultLimit calls(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be >= 1");
        }
        return new FaultLimit(calls, null);
    }

    public static FaultLimit lasting(Duration duration) {
        return new FaultLimit(-1, duration);
    }

    public static FaultLimit untilCleared() {
        return new FaultLimit(-1, null);
    }
}
