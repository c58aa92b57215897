package io.oauthgov.schemas.topics;

import io.oauthgov.schemas.registry.SchemaRegistry;
import io.oauthgov.schemas.serde.AvroSerde;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes the serde of one record type. The default is oauthgov's own Avro serde; a deployment that prefers
 * Confluent's can name it ({@code oauthgov.serde.class=io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde})
 * and the bytes on the wire stay identical.
 */
@FunctionalInterface
public interface SerdeFactory {
    String SERDE_CLASS = "oauthgov.serde.class";

    <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey);

    /** oauthgov's Avro serde against a registry instance, auto-registering schemas. */
    static SerdeFactory avro(SchemaRegistry registry) {
        return new SerdeFactory() {
            @Override
            public <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
                return new AvroSerde<>(registry, type, isKey, true);
            }
        };
    }

    /**
     * Serdes configured like any Kafka serde: {@code schema.registry.url} and friends, and optionally
     * {@link #SERDE_CLASS} naming another {@link Serde} implementation to instantiate and configure.
     */
    static SerdeFactory fromConfig(Map<String, ?> configs) {
        Object className = configs.get(SERDE_CLASS);
        return new SerdeFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
                Serde<T> serde = className == null ? new AvroSerde<>() : (Serde<T>) instantiate(className.toString());
                Map<String, Object> own = new HashMap<>(configs);
                own.put(isKey ? "oauthgov.avro.key.type" : "oauthgov.avro.value.type", type);
                own.putIfAbsent("specific.avro.reader", "true");
                serde.configure(own, isKey);
                return serde;
            }
        };
    }

    private static Serde<?> instantiate(String className) {
        try {
            Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            if (!(instance instanceof Serde<?> serde)) {
                throw new ConfigException(SERDE_CLASS, className, "is not an org.apache.kafka.common.serialization.Serde");
            }
            return serde;
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(SERDE_CLASS, className, "cannot be instantiated: " + e);
        }
    }
}
