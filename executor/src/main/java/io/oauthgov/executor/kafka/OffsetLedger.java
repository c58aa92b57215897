package io.oauthgov.executor.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed offsets may be committed. Identity lanes finish out of order, and two identities can share a
 * partition, so a partition's committable position is its lowest record still in flight — never past a record
 * whose outcome is not yet published.
 */
public final class OffsetLedger {
    private final Map<TopicPartition, TreeSet<Long>> inFlight = new HashMap<>();
    private final Map<TopicPartition, Long> nextAfterSeen = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    public void started(TopicPartition partition, long offset) {
        inFlight.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        nextAfterSeen.merge(partition, offset + 1, Math::max);
    }

    /** A record that needs no work (rejected, duplicate) counts as started and finished at once. */
    public void finished(TopicPartition partition, long offset) {
        TreeSet<Long> pending = inFlight.get(partition);
        if (pending != null) {
            pending.remove(offset);
        }
        nextAfterSeen.merge(partition, offset + 1, Math::max);
    }

    public int inFlight() {
        return inFlight.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** Offsets that moved since the last call, ready for {@code sendOffsetsToTransaction}. */
    public Map<TopicPartition, OffsetAndMetadata> advanced() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        nextAfterSeen.forEach((partition, next) -> {
            TreeSet<Long> pending = inFlight.get(partition);
            long position = pending == null || pending.isEmpty() ? next : pending.first();
            if (position > committed.getOrDefault(partition, -1L)) {
                result.put(partition, new OffsetAndMetadata(position));
            }
        });
        return result;
    }

    /** After the transaction holding {@link #advanced()} committed. */
    public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
    }

    /** Revoked partitions: forget them; their new owner starts from the last committed offset. */
    public void forget(Iterable<TopicPartition> partitions) {
        partitions.forEach(p -> {
            inFlight.remove(p);
            nextAfterSeen.remove(p);
            committed.remove(p);
        });
    }

    public boolean owns(TopicPartition partition) {
        return nextAfterSeen.containsKey(partition) || inFlight.containsKey(partition);
    }
}
