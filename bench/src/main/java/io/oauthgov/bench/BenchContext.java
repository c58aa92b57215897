package io.oauthgov.bench;

import io.oauthgov.bench.kafka.BenchTopics;
import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.registry.RestSchemaRegistryClient;
import io.oauthgov.schemas.registry.SchemaRegistryServer;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What every benchmark of one run shares: the options and sizes, the one embedded broker (started on first use,
 * with a Confluent-compatible schema registry on loopback and every catalog topic created and led), a scratch
 * directory, and the metrics measured so far (a ratio such as analyzer_vs_raw reads the raw ceiling from here).
 */
public final class BenchContext implements AutoCloseable {
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final BenchOptions options;
    private final PrintStream out;
    private final Map<String, Metric> measured = new LinkedHashMap<>();
    private final Path scratch;
    private EmbeddedKafkaBroker broker;
    private SchemaRegistryServer registry;
    private Topics topics;

    public BenchContext(BenchOptions options, PrintStream out) throws IOException {
        this.options = options;
        this.out = out;
        this.scratch = Files.createTempDirectory("oauthgov-bench");
    }

    public BenchOptions options() {
        return options;
    }

    public Scale scale() {
        return options.scale();
    }

    public Path scratch() {
        return scratch;
    }

    /** A progress line, stamped with the UTC time of day so it can be matched with a profile's timeline. */
    public void progress(String line) {
        out.println("  " + TIME_OF_DAY.format(LocalTime.now(ZoneOffset.UTC)) + " " + line);
        out.flush();
    }

    public void record(Metric metric) {
        measured.put(metric.name(), metric);
    }

    public Optional<Metric> measured(String name) {
        return Optional.ofNullable(measured.get(name)).filter(m -> m.value() != null);
    }

    public Map<String, Metric> allMeasured() {
        return measured;
    }

    public synchronized String bootstrapServers() {
        ensureBroker();
        return broker.bootstrapServers();
    }

    public synchronized String schemaRegistryUrl() {
        ensureBroker();
        return registry.url();
    }

    public synchronized Topics topics() {
        ensureBroker();
        return topics;
    }

    /** Base client configs: bootstrap servers and the schema registry URL, as the stages get them in production. */
    public Map<String, Object> clientConfigs() {
        Map<String, Object> configs = new HashMap<>();
        configs.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        configs.put("schema.registry.url", schemaRegistryUrl());
        return configs;
    }

    private void ensureBroker() {
        if (broker != null) {
            return;
        }
        broker = EmbeddedKafkaBroker.start();
        try {
            registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException("cannot start the in-process schema registry", e);
        }
        topics = Topics.bind(SerdeFactory.avro(new RestSchemaRegistryClient(registry.url())));
        BenchTopics.createAndAwaitLeaders(broker.bootstrapServers(), TopicCatalog.ALL);
        progress(String.format("embedded broker %s ready in %.1f s, schema registry %s",
                broker.bootstrapServers(), broker.startupTime().toMillis() / 1000.0, registry.url()));
    }

    /** Stops the broker (benchmarks that run child JVMs should not share the machine with an idle broker). */
    public synchronized void stopBroker() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
        topics = null;
    }

    @Override
    public void close() {
        stopBroker();
        deleteRecursively(scratch);
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Leaving a temporary directory behind is not worth failing a finished run for.
        }
    }
}
