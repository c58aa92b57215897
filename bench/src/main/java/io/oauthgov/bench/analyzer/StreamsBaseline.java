package io.oauthgov.bench.analyzer;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.bench.BenchContext;
import io.oauthgov.schemas.topics.TopicCatalog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The fair ceiling for the analyzer: the cheapest stateful exactly-once Kafka Streams application over the same
 * records. It reads the analyzer's two hot inputs (client snapshots and evidence) as bytes, keeps one 16-byte
 * aggregate per key in a RocksDB store (records seen, latest timestamp), and emits one 16-byte record per input, with
 * the analyzer's own Streams properties ({@link AnalyzerApp#streamsProperties}: exactly-once v2, commit interval,
 * state directory), on the same topics and partitions. What the analyzer spends beyond this is its own work: Avro,
 * state values, evaluation, outputs.
 *
 * <p>Timed exactly as {@link AnalyzerHarness} times the analyzer: closed while the backlog is loaded, then from
 * RUNNING until its group has committed every input record.
 */
final class StreamsBaseline {
    static final String APPLICATION_ID = "oauthgov-bench-streams-baseline";
    static final String OUTPUT = "bench.streams-baseline.output";
    private static final String STORE = "baseline-aggregate";
    private static final List<String> INPUTS = List.of(TopicCatalog.CLIENTS.name(), TopicCatalog.ACTIVITY.name());

    private final BenchContext context;
    private final Path stateDir;

    StreamsBaseline(BenchContext context) throws Exception {
        this.context = context;
        this.stateDir = context.scratch().resolve("streams-baseline-state");
        try (Admin admin = Admin.create(context.clientConfigs())) {
            if (!admin.listTopics().names().get().contains(OUTPUT)) {
                admin.createTopics(List.of(new NewTopic(OUTPUT, TopicCatalog.CLIENTS.partitions(), (short) 1))).all().get();
            }
        }
    }

    static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray()));
        builder.stream(INPUTS, Consumed.with(Serdes.Bytes(), Serdes.ByteArray()))
                .process(CountPerKey::new, STORE)
                .to(OUTPUT, Produced.with(Serdes.Bytes(), Serdes.ByteArray()));
        return builder.build();
    }

    /** One small read-modify-write per record and one small output: the least a stateful per-key stage does. */
    private static final class CountPerKey implements Processor<Bytes, byte[], Bytes, byte[]> {
        private ProcessorContext<Bytes, byte[]> context;
        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<Bytes, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<Bytes, byte[]> record) {
            byte[] previous = store.get(record.key());
            long seen = previous == null ? 0 : ByteBuffer.wrap(previous).getLong();
            byte[] next = ByteBuffer.allocate(16).putLong(seen + 1).putLong(record.timestamp()).array();
            store.put(record.key(), next);
            context.forward(record.withValue(next));
        }
    }

    AnalyzerHarness.Pass processBacklog(Duration timeout) throws Exception {
        Properties props = AnalyzerApp.streamsProperties(AnalyzerApp.Config.builder(context.bootstrapServers())
                .applicationId(APPLICATION_ID)
                .stateDir(stateDir)
                .replicationFactor(1)
                .schemaRegistryUrl(context.schemaRegistryUrl())
                .overrides(context.options().analyzerOverrides())
                .build());
        props.remove(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG); // bytes cannot fail to deserialize
        return AnalyzerHarness.timeBacklog(context, APPLICATION_ID, INPUTS, timeout, () -> {
            KafkaStreams streams = new KafkaStreams(topology(), props);
            streams.start();
            return streams;
        }, () -> { });
    }
}
