package io.oauthgov.cli;

import io.oauthgov.avro.ControlCommand;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.executor.control.ControlKeys;
import io.oauthgov.schemas.topics.Topic;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends one operator command to the control topic and waits until the broker has it: an operator must know it landed. */
final class ControlCommandPublisher {
    private ControlCommandPublisher() {}

    static RecordMetadata publish(Topic<OrgKey, ControlCommand> topic, Map<String, Object> clientConfigs, ControlCommand command)
            throws InterruptedException {
        Map<String, Object> configs = TransactionalPublisher.safeProducerConfigs(clientConfigs);
        // give up within half a minute (delivery must cover linger + one request)
        configs.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        configs.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(topic.record(ControlKeys.of(command), command)).get(40, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the command did not reach " + topic.name() + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
    }
}
