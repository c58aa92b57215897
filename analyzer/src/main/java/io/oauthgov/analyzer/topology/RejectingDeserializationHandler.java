package io.oauthgov.analyzer.topology;

import io.oauthgov.schemas.rejection.RejectionFactory;
import io.oauthgov.schemas.rejection.UnreadableRecord;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.Stage;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an unreadable input record into a DESERIALIZATION_FAILED {@link Rejection} on {@code governance.rejected}
 * (with the raw bytes, the record's topic, partition and offset, and what failed: key or value, the schema id found,
 * the subject expected — {@link UnreadableRecord}) and lets processing continue: no crash loop on a
 * poison record, and no silent skip either. Uses Kafka Streams' dead-letter support (KIP-1034), so the rejection is
 * written in the task's transaction under exactly-once.
 *
 * <p>Configured by class name ({@code deserialization.exception.handler}); it builds its Rejection serializer from
 * the same configs as the catalog serdes ({@code schema.registry.url} or an in-process registry instance under
 * {@code oauthgov.schema.registry.instance}). If even the rejection cannot be written, processing stops rather
 * than losing the record.
 *
 * <p>Kafka Streams 4.3 cannot send dead-letter records from global-table updates; an unreadable snapshot manifest is
 * therefore logged by Streams and skipped (its clients are then evaluated, as when the manifest is not yet known).
 */
public final class RejectingDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RejectingDeserializationHandler.class);

    private Serializer<Rejection> serializer;
    private SerdeFactory serdes;
    private final Map<String, Readers> readersByTopic = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** The topic's own key and value deserializers, to find which part of an unreadable record failed. */
    private record Readers(Deserializer<?> keys, Deserializer<?> values) {}

    @Override
    public void configure(Map<String, ?> configs) {
        serdes = SerdeFactory.fromConfig(configs);
        serializer = serdes.serde(Rejection.class, false).serializer();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        RejectionFactory.Source source = new RejectionFactory.Source(context.topic(), context.partition(), context.offset());
        UnreadableRecord diagnosis = TopicCatalog.byName(context.topic())
                .map(spec -> readersByTopic.computeIfAbsent(spec.name(), t -> new Readers(
                        serdes.serde(spec.keyType(), true).deserializer(), serdes.serde(spec.valueType(), false).deserializer())))
                .map(readers -> UnreadableRecord.diagnose(context.topic(), record.key(), record.value(), readers.keys(),
                        readers.values(), exception))
                .orElseGet(() -> UnreadableRecord.undiagnosed(exception));
        Rejection rejection = RejectionFactory.unreadable(Stage.ANALYZER, source, record.key(), record.value(), diagnosis, clock.instant());
        byte[] value;
        try {
            value = serializer.serialize(TopicCatalog.REJECTED.name(), rejection);
        } catch (RuntimeException e) {
            LOG.error("Cannot write a rejection for the unreadable record {}-{}@{}; stopping instead of dropping it",
                    context.topic(), context.partition(), context.offset(), e);
            return Response.fail();
        }
        LOG.warn("Unreadable record {}-{}@{} rejected as DESERIALIZATION_FAILED: {}", context.topic(), context.partition(),
                context.offset(), diagnosis.problem());
        // Null key: the catalog says so for unreadable input (the client it concerned cannot be known).
        return Response.resume(List.of(new ProducerRecord<>(TopicCatalog.REJECTED.name(), null, null, value)));
    }
}
