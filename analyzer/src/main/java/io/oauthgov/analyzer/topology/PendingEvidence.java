package io.oauthgov.analyzer.topology;

import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.avro.ClientKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The evidence a task has folded since its last commit, one activity aggregate per client, not yet written to the
 * activity store nor evaluated: what lets a burst of usage rows for one client (a day of them, one per endpoint, as the
 * collector publishes them) cost one aggregate write and one evaluation instead of one per row.
 *
 * <p><b>Why nothing is lost or doubled across a crash (exactly_once_v2).</b> The buffer is in memory and un-logged,
 * so it must be empty before the task commits. Kafka Streams gives processors no pre-commit hook, but it gives
 * stores one: before every commit of a task (the commit interval, a rebalance, a clean close), {@code StreamTask}
 * calls {@code flushCache()} on each of the task's stores, then flushes the producer, then commits the transaction
 * with the input offsets. This is the hook Streams' own record caches use to emit their buffered updates inside
 * the transaction. Here {@link #flushCache()} hands the buffer back to the {@link ClientEvaluator}, which writes the
 * aggregates and emits its verdicts right then, inside the same transaction as the offsets of the records folded
 * into them. A crash before that commit aborts the transaction: the buffer dies with the process, the changelogs
 * and outputs roll back, and the input is read again from the last committed offsets, so each record is applied
 * once. A task closed dirty is re-initialised before it processes again, and the evaluator starts it with an
 * empty buffer. {@code CachedStateStore} is Streams-internal; {@code ProcessorStateManager#flushCache} is the
 * contract relied on, and {@code EvidenceBatchingTopologyTest} and the ITs fail if a Streams upgrade changes it.
 *
 * <p><b>Why evidence coverage keeps its meaning.</b> The evaluator applies the whole buffer before it handles any
 * record that is not client evidence (coverage, a snapshot, a registry entry, a notice, an approval) and before its
 * wall-clock re-evaluation: nothing is judged, and no approval passes the gate, on an aggregate that misses
 * evidence already read. Each buffered client is evaluated with the time its last record arrived, so the verdict
 * is the one the last record would have produced; only the intermediate verdicts of the burst are skipped.
 */
final class PendingEvidence implements StateStore, CachedStateStore<Object, Object> {

    /** A client's aggregate as it stands after the buffered evidence, and when its last piece arrived. */
    record Folded(ClientKey key, ActivityAggregate aggregate, Instant at) {}

    /** More clients than this in one commit interval are applied at once, so memory stays bounded. */
    static final int MAX_CLIENTS = 10_000;

    private final String name;
    private final Map<ClientKey, Folded> byClient = new LinkedHashMap<>();
    private Runnable beforeCommit = () -> {};
    private Runnable onDiscard = () -> {};
    private boolean open;

    PendingEvidence(String name) {
        this.name = name;
    }

    /**
     * @param beforeCommit called right before every commit of the task, to apply what is buffered here and whatever
     *                     else the evaluator holds for the transaction ({@link PendingProposals})
     */
    void onCommit(Runnable beforeCommit) {
        this.beforeCommit = Objects.requireNonNull(beforeCommit);
    }

    /** @param onDiscard called when the task's uncommitted state is discarded (a dirty close), with this buffer's */
    void onDiscard(Runnable onDiscard) {
        this.onDiscard = Objects.requireNonNull(onDiscard);
    }

    /** The client's buffered aggregate, null when nothing is buffered for it. */
    ActivityAggregate get(ClientKey key) {
        Folded folded = byClient.get(key);
        return folded == null ? null : folded.aggregate();
    }

    void put(ClientKey key, ActivityAggregate aggregate, Instant at) {
        byClient.put(key, new Folded(key, aggregate, at));
    }

    boolean full() {
        return byClient.size() >= MAX_CLIENTS;
    }

    boolean isEmpty() {
        return byClient.isEmpty();
    }

    /** Empties the buffer and returns what it held, in the order the clients first arrived. */
    List<Folded> drain() {
        List<Folded> all = new ArrayList<>(byClient.values());
        byClient.clear();
        return all;
    }

    /** Called by the task before every commit: the buffer must be applied inside the transaction. */
    @Override
    public void flushCache() {
        beforeCommit.run();
    }

    /** The task's state is being discarded (a dirty close): what was buffered is read again from the input. */
    @Override
    public void clearCache() {
        byClient.clear();
        onDiscard.run();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        byClient.clear();
        context.register(root, (key, value) -> {
            throw new IllegalStateException("the pending-evidence buffer has no changelog to restore from");
        });
        open = true;
    }

    @Override
    public void close() {
        byClient.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Un-logged and in memory, one per task. */
    static StoreBuilder<PendingEvidence> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<PendingEvidence> withCachingEnabled() {
                throw new UnsupportedOperationException("the buffer is itself the cache");
            }

            @Override
            public StoreBuilder<PendingEvidence> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<PendingEvidence> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException("the buffer is applied before every commit; it has nothing to log");
            }

            @Override
            public StoreBuilder<PendingEvidence> withLoggingDisabled() {
                return this;
            }

            @Override
            public PendingEvidence build() {
                return new PendingEvidence(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
