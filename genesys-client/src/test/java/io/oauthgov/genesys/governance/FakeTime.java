package io.oauthgov.genesys.governance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** A clock that only moves when the code under test "sleeps": tests of pacing run instantly and exactly. */
final class FakeTime extends Clock implements Sleeper {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override public void sleep(Duration duration) { now = now.plus(duration); }
    @Override public Instant instant() { return now; }
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
}
