package io.oauthgov.bench.raw;

import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.Benchmark;
import io.oauthgov.bench.Goal;
import io.oauthgov.bench.Metric;
import io.oauthgov.bench.Scale;
import io.oauthgov.bench.Stats;
import io.oauthgov.bench.kafka.BenchTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The machine's Kafka ceiling with plain clients: ~300-byte records, acks=all, idempotent, lz4, linger 5 ms,
 * 64 KB batches, 6 partitions (like the catalog's topics). Produce: first send to the last acknowledgement.
 * Consume: a fresh consumer reads everything produced from the beginning; first poll to the last record.
 * One unmeasured warm-up round each, then both repeated; the median is reported. Every pipeline stage is judged
 * against these numbers of the same run.
 */
public final class RawThroughputBenchmark implements Benchmark {
    public static final String PRODUCE = "raw_produce_rps";
    public static final String CONSUME = "raw_consume_rps";
    static final String TOPIC = "bench.raw";
    static final int PARTITIONS = 6;

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public List<Metric> run(BenchContext context) {
        Scale scale = context.scale();
        BenchTopics.createAndAwaitLeaders(context.bootstrapServers(), TOPIC, PARTITIONS);
        RawRecords records = new RawRecords(8);
        // An unmeasured round first (JIT, connections, the log's first segments); the consumer then reads
        // everything produced, several times the producer's batch, so its shorter runs are not dominated by start-up.
        int warmUp = scale.rawRecords() / 3;
        produce(context.bootstrapServers(), records, warmUp);
        int total = warmUp + scale.rawRecords() * scale.rawRepetitions();
        List<Double> produce = new ArrayList<>();
        for (int rep = 1; rep <= scale.rawRepetitions(); rep++) {
            produce.add(produce(context.bootstrapServers(), records, scale.rawRecords()));
        }
        consume(context.bootstrapServers(), total);
        List<Double> consume = new ArrayList<>();
        for (int rep = 1; rep <= scale.rawRepetitions(); rep++) {
            consume.add(consume(context.bootstrapServers(), total));
        }
        context.progress(String.format("raw produce %s rec/s; consume %s rec/s", rates(produce), rates(consume)));
        String shape = String.format("%,d x %d B, 6 partitions, acks=all, idempotent, lz4, linger 5 ms, batch 64 KB; "
                + "median of %d, spread %.0f%%", scale.rawRecords(), RawRecords.VALUE_BYTES, scale.rawRepetitions(),
                100 * Stats.relativeSpread(produce));
        String readShape = String.format("%,d x %d B from 6 partitions, fresh consumer, max.poll.records 5000; median of %d, spread %.0f%%",
                total, RawRecords.VALUE_BYTES, scale.rawRepetitions(), 100 * Stats.relativeSpread(consume));
        return List.of(
                Metric.median(PRODUCE, produce, "records/s", Goal.none("machine ceiling"), shape),
                Metric.median(CONSUME, consume, "records/s", Goal.none("machine ceiling"), readShape));
    }

    private static String rates(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format("%,.0f", v)).toList());
    }

    static double produce(String bootstrapServers, RawRecords records, int count) {
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long start;
        long end;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfigs(bootstrapServers))) {
            // Metadata first, so the measurement starts with a producer that knows every partition's leader.
            List<PartitionInfo> partitions = producer.partitionsFor(TOPIC);
            if (partitions.size() != PARTITIONS) {
                throw new IllegalStateException(TOPIC + " has " + partitions.size() + " partitions");
            }
            start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, records.key(i), records.value(i)), (metadata, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            end = System.nanoTime();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " raw sends failed", firstFailure.get());
        }
        return Stats.perSecond(count, end - start);
    }

    static double consume(String bootstrapServers, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfigs(bootstrapServers))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(2).toNanos();
            while (read < count) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                for (var record : batch) {
                    bytes += record.value().length; // touch every record, as a real consumer would
                }
                read += batch.count();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read only " + read + " of " + count + " raw records in 2 minutes");
                }
            }
            long end = System.nanoTime();
            if (bytes == 0) {
                throw new IllegalStateException("raw records were empty");
            }
            return Stats.perSecond(read, end - start);
        }
    }

    private static Map<String, Object> producerConfigs(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    private static Map<String, Object> consumerConfigs(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }
}
