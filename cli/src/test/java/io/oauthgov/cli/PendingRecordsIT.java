package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code oauthgov status} counts records, not offsets: commit markers and aborted records are not work left. */
class PendingRecordsIT {
    private static final String TOPIC = "pending.records";
    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "pending-records-test"), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            for (int transaction = 0; transaction < 5; transaction++) { // 5 commits, 10 records per partition
                producer.beginTransaction();
                for (int i = 0; i < 2; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, null, "p0"));
                    producer.send(new ProducerRecord<>(TOPIC, 1, null, "p1"));
                }
                producer.commitTransaction();
            }
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, 0, null, "aborted"));
            producer.flush();
            producer.abortTransaction();
        }
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    private static Map<String, Object> clientConfigs() {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    @Test
    void aGroupThatReadNothingHasEveryCommittedRecordPendingAndNoMarker() throws Exception {
        PendingRecords.Count count = PendingRecords.of(clientConfigs(), admin, "never-consumed", Set.of(TOPIC), 1_000);

        assertThat(count).isEqualTo(new PendingRecords.Count(20, false));
    }

    @Test
    void aGroupPastTheLastRecordButBeforeTheMarkersHasNothingPending() throws Exception {
        // Committed where a consumer would be after the last committed record of partition 0 but before its marker,
        // and partway through partition 1 (after its third transaction's marker: 3 × (2 records + marker)).
        admin.alterConsumerGroupOffsets("partway", Map.of(
                new TopicPartition(TOPIC, 0), new OffsetAndMetadata(14),
                new TopicPartition(TOPIC, 1), new OffsetAndMetadata(9))).all().get();

        PendingRecords.Count count = PendingRecords.of(clientConfigs(), admin, "partway", Set.of(TOPIC), 1_000);

        assertThat(count).isEqualTo(new PendingRecords.Count(4, false));
    }

    @Test
    void aBacklogLargerThanTheCapIsReportedAsAtLeastTheCap() throws Exception {
        PendingRecords.Count count = PendingRecords.of(clientConfigs(), admin, "capped", Set.of(TOPIC), 5);

        assertThat(count.capped()).isTrue();
        assertThat(count).hasToString("at least 5");
    }
}
