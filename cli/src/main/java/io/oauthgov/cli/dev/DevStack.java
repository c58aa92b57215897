package io.oauthgov.cli.dev;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.cli.demo.SimulatedRegistryCsv;
import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.schemas.registry.JournaledSchemaRegistry;
import io.oauthgov.schemas.registry.SchemaRegistryServer;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.SimulatorArtifacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * A local stack that stays up: a real Kafka broker, the schema registry, the Genesys simulator and an SMTP server for
 * the owners' notices, all in this JVM,
 * with their data in one directory so a restart keeps topics, committed offsets, schemas and what the pipeline did to
 * the simulated organizations. Writes {@code oauthgov.yaml} for them; every stage then runs as its own process
 * against it exactly as in production.
 *
 * <p>Layout of the directory: {@code kafka/} (broker data), {@code schemas.jsonl} (registry journal),
 * {@code simulator-state.json}, {@code stack.json} (seed, sizes, time anchor and ports, so a restart regenerates the
 * same organizations on the same ports), {@code oauthgov.yaml}, {@code credentials/}, {@code approval-hmac.key},
 * {@code registry.csv} (the simulated CMDB export), {@code truth.json} and {@code mail/} (what {@code oauthgov notify}
 * sent to the stack's own SMTP server, one {@code .eml} per message).
 */
public final class DevStack implements AutoCloseable {
    public static final String STACK_FILE = "stack.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final GenesysSimulator simulator;
    private final DevMailbox mailbox;
    private final Path config;
    private final int restoredChanges;
    private final ScheduledExecutorService saver;

    private DevStack(Path dir, EmbeddedKafkaBroker broker, SchemaRegistryServer registry, GenesysSimulator simulator,
                     DevMailbox mailbox, Path config, int restoredChanges) {
        this.dir = dir;
        this.broker = broker;
        this.registry = registry;
        this.simulator = simulator;
        this.mailbox = mailbox;
        this.config = config;
        this.restoredChanges = restoredChanges;
        this.saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oauthgov-dev-state");
            t.setDaemon(true);
            return t;
        });
        // a kill -9 loses at most this much of what the pipeline did to the simulated orgs
        saver.scheduleWithFixedDelay(this::saveState, 5, 5, TimeUnit.SECONDS);
    }

    /** What the stack is made of; taken from {@code stack.json} when the directory already holds a stack. */
    public record Shape(int orgs, int clientsPerOrg, long seed, int requestsPerMinute) {}

    /** Starts (or restarts) the stack in {@code dir}. */
    public static DevStack start(Path dir, Shape requested) throws IOException {
        Files.createDirectories(dir);
        Path stackFile = dir.resolve(STACK_FILE);
        ObjectNode stack = Files.exists(stackFile) ? (ObjectNode) JSON.readTree(stackFile.toFile()) : JSON.createObjectNode();
        Shape shape = stack.has("seed") ? new Shape(stack.get("orgs").asInt(), stack.get("clientsPerOrg").asInt(),
                stack.get("seed").asLong(), stack.get("requestsPerMinute").asInt()) : requested;
        Instant anchor = stack.has("anchor") ? Instant.parse(stack.get("anchor").asText()) : Instant.now();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startPersistent(dir.resolve("kafka"), Map.of());
        SchemaRegistryServer registry = null;
        GenesysSimulator simulator = null;
        DevMailbox mailbox = null;
        try {
            registry = startRegistry(dir, stack.path("registryPort").asInt(0));
            try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
            }
            simulator = startSimulator(shape, anchor, stack.path("simulatorPort").asInt(0));
            mailbox = DevMailbox.start(dir, stack.path("smtpPort").asInt(0));
            int restored = SimulatorStateFile.restore(simulator, dir.resolve("simulator-state.json"));
            Files.writeString(dir.resolve(SimulatorArtifacts.TRUTH), simulator.groundTruth().toJson(), StandardCharsets.UTF_8);
            SimulatedRegistryCsv.write(simulator.integrationRegistry(), dir);
            Path config = StackFiles.write(simulator, dir, broker.bootstrapServers(), registry.url(), simulator.baseUrl(), shape.requestsPerMinute(), """
                    collector:
                      auditSettle: 0s          # the simulator indexes its audit log at once
                    analyzer:
                      stateDir: analyzer-state
                      punctuationInterval: 5s
                    executor:
                      killSwitchFile: KILL     # while this file exists nothing is changed
                    """ + mailbox.notifierYaml());
            ObjectNode written = JSON.createObjectNode().put("orgs", shape.orgs()).put("clientsPerOrg", shape.clientsPerOrg())
                    .put("seed", shape.seed()).put("requestsPerMinute", shape.requestsPerMinute()).put("anchor", anchor.toString())
                    .put("registryPort", registry.port()).put("simulatorPort", simulator.port())
                    .put("smtpPort", mailbox.port());
            JSON.writerWithDefaultPrettyPrinter().writeValue(stackFile.toFile(), written);
            return new DevStack(dir, broker, registry, simulator, mailbox, config, restored);
        } catch (IOException | RuntimeException e) {
            if (mailbox != null) {
                mailbox.close();
            }
            if (simulator != null) {
                simulator.close();
            }
            if (registry != null) {
                registry.close();
            }
            broker.close();
            throw e;
        }
    }

    /** The same port as last time when it is free, so tools pointed at the registry keep working across restarts. */
    private static SchemaRegistryServer startRegistry(Path dir, int previousPort) throws IOException {
        JournaledSchemaRegistry schemas = JournaledSchemaRegistry.open(dir.resolve("schemas.jsonl"));
        if (previousPort > 0) {
            try {
                return SchemaRegistryServer.start(schemas, previousPort);
            } catch (IOException e) {
                // taken meanwhile: any free port; oauthgov.yaml is rewritten anyway
            }
        }
        return SchemaRegistryServer.start(schemas, 0);
    }

    private static GenesysSimulator startSimulator(Shape shape, Instant anchor, int previousPort) {
        GenesysSimulator.Builder builder = GenesysSimulator.builder().orgs(shape.orgs()).clientsPerOrg(shape.clientsPerOrg())
                .seed(shape.seed()).anchor(anchor).identityRateLimit(shape.requestsPerMinute());
        if (previousPort > 0) {
            try {
                return builder.port(previousPort).start();
            } catch (RuntimeException e) {
                // taken meanwhile
            }
        }
        return builder.port(0).start();
    }

    private void saveState() {
        try {
            SimulatorStateFile.save(simulator, dir.resolve("simulator-state.json"));
        } catch (RuntimeException e) {
            // the next save tries again; a failing disk shows up in the stages too
        }
    }

    public Path config() {
        return config;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public GenesysSimulator simulator() {
        return simulator;
    }

    /** The SMTP server {@code oauthgov notify} sends to; what it receives is saved in {@code mail/}. */
    public int smtpPort() {
        return mailbox.port();
    }

    /** Clients whose state from an earlier run was put back at start. */
    public int restoredChanges() {
        return restoredChanges;
    }

    @Override
    public synchronized void close() {
        if (saver.isShutdown()) {
            return;
        }
        saver.shutdownNow();
        saveState();
        mailbox.close();
        simulator.close();
        registry.close();
        broker.close();
    }
}
