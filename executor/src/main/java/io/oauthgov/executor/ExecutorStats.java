package io.oauthgov.executor;

import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.RejectionReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of what this executor instance published, for progress lines and reports. Thread-safe. */
public final class ExecutorStats {
    private final Map<OutcomeKind, AtomicLong> outcomes = new EnumMap<>(OutcomeKind.class);
    private final Map<RejectionReason, AtomicLong> refusals = new EnumMap<>(RejectionReason.class);
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile ExecutorHealth health = ExecutorHealth.STARTING;
    private volatile int quarantined;
    private volatile int ownedPartitions;

    public ExecutorStats() {
        for (OutcomeKind kind : OutcomeKind.values()) {
            outcomes.put(kind, new AtomicLong());
        }
        for (RejectionReason reason : RejectionReason.values()) {
            refusals.put(reason, new AtomicLong());
        }
    }

    void outcome(Outcome outcome) {
        outcomes.get(outcome.getKind()).incrementAndGet();
    }

    void refused(RejectionReason reason) {
        refusals.get(reason).incrementAndGet();
    }

    void health(ExecutorHealth value) {
        health = value;
    }

    public ExecutorHealth health() {
        return health;
    }

    void held(int quarantineEntries, int partitions) {
        quarantined = quarantineEntries;
        ownedPartitions = partitions;
    }

    /** Entries of the quarantine topic this instance holds open (deactivated clients and deactivations about to be). */
    public int quarantined() {
        return quarantined;
    }

    /** Partitions of the approved deletions this instance owns. */
    public int ownedPartitions() {
        return ownedPartitions;
    }

    void ready() {
        ready.countDown();
    }

    /** True once the executor has read its committed state and owns partitions of the approved deletions. */
    public boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return ready.await(timeout, unit);
    }

    public long count(OutcomeKind kind) {
        return outcomes.get(kind).get();
    }

    public long refusals(RejectionReason reason) {
        return refusals.get(reason).get();
    }

    public Map<OutcomeKind, Long> outcomes() {
        Map<OutcomeKind, Long> copy = new EnumMap<>(OutcomeKind.class);
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
