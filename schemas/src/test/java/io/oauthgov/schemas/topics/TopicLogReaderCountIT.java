package io.oauthgov.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The byte-level count on a real broker: committed records only, over every partition of every topic named. */
class TopicLogReaderCountIT {
    @Test
    void countsTheCommittedRecordsOfEveryPartitionAndLeavesAbortedOnesOut() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            oneCommittedAndOneAbortedTransaction(broker.bootstrapServers());

            long counted = TopicLogReader.countCommitted(List.of("count.a", "count.b"),
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "ignored"),
                    Duration.ofSeconds(30));

            assertThat(counted).as("four committed records on four partitions; the aborted transaction's two are not records").isEqualTo(4);
        }
    }

    /** Commits one record to each of count.a's three partitions and to count.b, then aborts one more on each topic. */
    private static void oneCommittedAndOneAbortedTransaction(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic("count.a", 3, (short) 1), new NewTopic("count.b", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "count-it"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int partition = 0; partition < 3; partition++) {
                producer.send(new ProducerRecord<>("count.a", partition, null, new byte[] {1}));
            }
            producer.send(new ProducerRecord<>("count.b", 0, null, new byte[] {2}));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("count.a", 0, null, new byte[] {3}));
            producer.send(new ProducerRecord<>("count.b", 0, null, new byte[] {4}));
            producer.flush();
            producer.abortTransaction();
        }
    }
}
