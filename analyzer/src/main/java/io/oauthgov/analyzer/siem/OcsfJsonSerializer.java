package io.oauthgov.analyzer.siem;

import io.oauthgov.avro.RiskEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes risk events as OCSF Detection Finding JSON (UTF-8), so a deployment can mirror {@code governance.risk}
 * into a JSON topic or file for a SIEM without Avro support. Configurable by class name.
 */
public final class OcsfJsonSerializer implements Serializer<RiskEvent> {
    @Override
    public byte[] serialize(String topic, RiskEvent event) {
        return event == null ? null : OcsfDetectionFinding.toJson(event).getBytes(StandardCharsets.UTF_8);
    }
}
