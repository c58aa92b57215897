package io.oauthgov.schemas.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a compacted topic from the beginning to its current end and returns the latest value per key, with
 * tombstones removing keys: the table a stage needs at start-up (the collector's view of known clients, its
 * checkpoints, the executor's pending quarantines). Reads {@code read_committed}, so aborted writes never count.
 */
public final class TopicTableReader {
    private TopicTableReader() {}

    public static <K extends SpecificRecord, V extends SpecificRecord> Map<K, V> readAll(
            Topic<K, V> topic, Map<String, Object> clientConfigs, Duration timeout) {
        Map<K, V> table = new HashMap<>();
        for (TopicLogReader.Entry<K, V> entry : TopicLogReader.readAll(topic, clientConfigs, timeout)) {
            if (entry.value() == null) {
                table.remove(entry.key());
            } else {
                table.put(entry.key(), entry.value());
            }
        }
        return table;
    }
}
