package io.oauthgov.schemas.topics;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** A catalog entry bound to the serdes of one deployment: what producers, consumers and the topology use. */
public record Topic<K extends SpecificRecord, V extends SpecificRecord>(TopicSpec<K, V> spec, Serde<K> keySerde, Serde<V> valueSerde) {

    public String name() {
        return spec.name();
    }
}
