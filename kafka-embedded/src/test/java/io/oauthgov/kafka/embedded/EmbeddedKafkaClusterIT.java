package io.oauthgov.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaClusterIT {

    @Test
    void transactionsKeepCommittingWithOneOfThreeBrokersDownAndTheBrokerRejoinsInSync() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            assertThat(cluster.brokerIds()).hasSize(3);
            admin.createTopics(List.of(new NewTopic("replicated", 3, (short) 3))).all().get();
            int stopped = cluster.brokerIds().get(1);

            Properties producerProps = new Properties();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cluster-it");
            try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                sendInTransaction(producer, "before", 30);
                cluster.stopBroker(stopped);
                assertThat(cluster.running(stopped)).isFalse();
                sendInTransaction(producer, "during", 30);
                cluster.startBroker(stopped);
                sendInTransaction(producer, "after", 30);
            }

            assertThat(readCommitted(cluster, 90)).as("every committed record once, across the outage")
                    .hasSize(90).doesNotHaveDuplicates();
            TopicDescription topic = admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of("replicated"))
                    .allTopicNames().get().get("replicated").partitions().stream().allMatch(p -> p.isr().size() == 3));
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            String minIsr = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "replicated"))).all().get().values().iterator().next()
                    .get("min.insync.replicas").value();
            assertThat(minIsr).as("the cluster's default for a new topic").isEqualTo("2");
        }
    }

    @Test
    void aClusterNeedsThreeBrokers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedKafkaCluster.start(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EmbeddedKafkaBroker");
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer, String phase, int count) {
        producer.beginTransaction();
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>("replicated", phase + "-" + i, phase + "-" + i));
        }
        producer.commitTransaction();
    }

    private static List<String> readCommitted(EmbeddedKafkaCluster cluster, int expected) {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "cluster-it");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("replicated"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            }
            // one more poll: a duplicate would arrive right behind the expected records
            consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
        }
        return seen;
    }
}
