package io.oauthgov.simulator.http;

import java.time.Duration;
import java.time.Instant;

/**
 * An asynchronous query (usage or audit) that moves through stages as it is polled or as time passes,
 * whichever is further: each status poll advances one stage, and so does each {@code stageDuration} of
 * simulator time. Results are computed at submission, as a snapshot.
 */
public final class AsyncQuery<T> {
    private final String id;
    private final String orgId;
    private final String owner;
    private final Instant submittedAt;
    private final int lastStage;
    private final Duration stageDuration;
    private final T payload;
    private int polls;

    /**
     * @param owner what the results path must name (a client id for per-client usage queries; else the org id)
     * @param initialPolls stages already passed at submission
     */
    public AsyncQuery(String id, String orgId, String owner, Instant submittedAt, int lastStage,
            Duration stageDuration, int initialPolls, T payload) {
        this.id = id;
        this.orgId = orgId;
        this.owner = owner;
        this.submittedAt = submittedAt;
        this.lastStage = lastStage;
        this.stageDuration = stageDuration;
        this.payload = payload;
        this.polls = initialPolls;
    }

    public String id() {
        return id;
    }

    public boolean belongsTo(String orgId, String owner) {
        return this.orgId.equals(orgId) && this.owner.equals(owner);
    }

    public T payload() {
        return payload;
    }

    /** Polls once: returns the stage reached (0-based) and counts this poll. */
    public synchronized int poll(Instant now) {
        int stage = stage(now);
        polls++;
        return stage;
    }

    /** The stage reached, without counting a poll. */
    public synchronized int stage(Instant now) {
        long byTime = stageDuration.isZero() ? lastStage
                : Duration.between(submittedAt, now).toMillis() / stageDuration.toMillis();
        return (int) Math.min(lastStage, Math.max(polls, byTime));
    }
}
