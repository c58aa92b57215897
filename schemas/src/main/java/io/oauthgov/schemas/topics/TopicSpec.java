package io.oauthgov.schemas.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything that defines a topic except the serdes of one deployment: its name, key and value record types,
 * partitions, cleanup policy, retention (null retention = kept forever, the norm for compacted state) and the format
 * of its values (Avro unless said otherwise). Immutable.
 */
public record TopicSpec<K extends SpecificRecord, V extends SpecificRecord>(
        String name,
        Class<K> keyType,
        Class<V> valueType,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Duration retention,
        String purpose,
        ValueFormat valueFormat) {

    /** A topic whose values are Avro, as nearly all are. */
    public TopicSpec(String name, Class<K> keyType, Class<V> valueType, int partitions, CleanupPolicy cleanupPolicy,
                     Duration retention, String purpose) {
        this(name, keyType, valueType, partitions, cleanupPolicy, retention, purpose, ValueFormat.AVRO);
    }

    public TopicSpec {
        Objects.requireNonNull(valueFormat, "valueFormat");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be at least 1");
        }
    }

    /** Topic-level configs to create the topic with, as {@code kafka-topics --config} would take them. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy.configValue());
        configs.put("retention.ms", retention == null ? "-1" : Long.toString(retention.toMillis()));
        return configs;
    }

    /** Retention as a person reads it: "forever", "30d", "12h". */
    public String retentionText() {
        if (retention == null) {
            return "forever";
        }
        long days = retention.toDays();
        return days * 86_400_000L == retention.toMillis() ? days + "d" : retention.toHours() + "h";
    }
}
