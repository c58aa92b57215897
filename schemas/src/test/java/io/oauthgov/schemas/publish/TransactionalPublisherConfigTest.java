package io.oauthgov.schemas.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class TransactionalPublisherConfigTest {
    @Test
    void plainProducersKeepTheClientSettingsButNotTheirWeakerSafetyAndSendOneRequestAtATime() {
        Map<String, Object> configs = TransactionalPublisher.safeProducerConfigs(Map.of(
                "security.protocol", "SASL_SSL", ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5));

        assertThat(configs).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    }
}
