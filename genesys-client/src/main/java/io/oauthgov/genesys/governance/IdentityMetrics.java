package io.oauthgov.genesys.governance;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one identity's chain did: calls sent, 429s met, retries, calls that failed for good, time spent waiting.
 * Written by the identity's caller, read by progress lines and reports.
 */
public final class IdentityMetrics {
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong waitedMillis = new AtomicLong();

    public void onCall() { calls.incrementAndGet(); }
    public void onThrottled() { throttled.incrementAndGet(); }
    public void onRetry() { retries.incrementAndGet(); }
    public void onFailure() { failures.incrementAndGet(); }
    public void onWaited(Duration d) { waitedMillis.addAndGet(d.toMillis()); }

    public long calls() { return calls.get(); }
    public long throttled() { return throttled.get(); }
    public long retries() { return retries.get(); }
    public long failures() { return failures.get(); }
    public Duration waited() { return Duration.ofMillis(waitedMillis.get()); }
}
