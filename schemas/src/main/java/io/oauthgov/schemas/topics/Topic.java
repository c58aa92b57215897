package io.oauthgov.schemas.topics;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;

/** A catalog entry bound to the serdes of one deployment: what producers, consumers and the topology use. */
public record Topic<K extends SpecificRecord, V extends SpecificRecord>(TopicSpec<K, V> spec, Serde<K> keySerde, Serde<V> valueSerde) {

    public String name() {
        return spec.name();
    }

    /**
     * A record for a byte-level producer, serialized with this topic's serdes: one producer can then serve every
     * topic of a transaction. A null key or value stays null (a tombstone, an unkeyed rejection).
     */
    public ProducerRecord<byte[], byte[]> record(K key, V value) {
        return new ProducerRecord<>(name(), key == null ? null : keySerde.serializer().serialize(name(), key),
                value == null ? null : valueSerde.serializer().serialize(name(), value));
    }
}
