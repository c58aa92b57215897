package io.oauthgov.schemas.siem;

import io.oauthgov.avro.RiskEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of {@code governance.risk.ocsf}: a risk event goes out as OCSF Detection Finding JSON (UTF-8).
 * The rendering keeps only what OCSF and {@code unmapped} carry, so there is no way back to a {@link RiskEvent}:
 * readers take the values as JSON (a {@code StringDeserializer}), and oauthgov itself reads {@code governance.risk}.
 */
public final class OcsfJsonSerde implements Serde<RiskEvent> {
    @Override
    public Serializer<RiskEvent> serializer() {
        return (topic, event) -> event == null ? null : OcsfDetectionFinding.toJsonBytes(event);
    }

    @Override
    public Deserializer<RiskEvent> deserializer() {
        return (topic, bytes) -> {
            throw new SerializationException(topic + " holds OCSF JSON for SIEMs, not Avro: read its values as UTF-8 JSON,"
                    + " or read governance.risk for the RiskEvent records");
        };
    }
}
