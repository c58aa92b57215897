package io.oauthgov.cli;

import io.oauthgov.cli.demo.SimulatedRegistryCsv;
import io.oauthgov.cli.dev.StackFiles;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.SimulatorMain;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oauthgov simulator}: the Genesys Cloud simulator as a standalone server, until interrupted. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Run the Genesys Cloud simulator (seeded organizations, rate limits, faults) until interrupted.")
public final class SimulatorCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--port", defaultValue = "8089", description = "Port on 127.0.0.1 (0 = any free port; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--orgs", defaultValue = "1", description = "Organizations to generate (default: ${DEFAULT-VALUE}).")
    int orgs;

    @Option(names = "--clients", defaultValue = "2000", description = "OAuth clients per organization (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed: the same seed gives the same organizations (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--page-size", defaultValue = "0", description = "Page the client listing (0 = one page; default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--out", defaultValue = "simulator-out",
            description = "Where truth.json, registry.csv and identities.json (credentials, owner-readable) go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container other containers call).")
    String bind;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "How other processes reach this simulator, written into oauthgov.yaml (default: its own URL).")
    String publicUrl;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
            description = "The Kafka bootstrap servers written into oauthgov.yaml (default: ${DEFAULT-VALUE}).")
    String kafkaBootstrap;

    @Option(names = "--schema-registry-url", paramLabel = "URL", defaultValue = "http://localhost:8081",
            description = "The schema registry written into oauthgov.yaml (default: ${DEFAULT-VALUE}).")
    String registryUrl;

    @Override
    public Integer call() throws Exception {
        if (orgs < 1 || clients < 1 || port < 0 || pageSize < 0) {
            throw new UserError("--orgs and --clients must be at least 1, --port and --page-size not negative",
                    "e.g. oauthgov simulator --orgs 2 --clients 500");
        }
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--orgs", Integer.toString(orgs),
                "--clients", Integer.toString(clients), "--seed", Long.toString(seed), "--out", out.toString(), "--bind", bind));
        if (pageSize > 0) {
            args.addAll(List.of("--page-size", Integer.toString(pageSize)));
        }
        PrintStream out = System.out;
        try (GenesysSimulator simulator = SimulatorMain.start(out, args.toArray(String[]::new))) {
            Path config = StackFiles.write(simulator, this.out, kafkaBootstrap, registryUrl,
                    publicUrl == null ? simulator.baseUrl() : publicUrl, 0, "collector:\n  auditSettle: 0s   # the simulator indexes its audit log at once\n");
            out.println("Deployment file:      " + config.toAbsolutePath() + " (every command: --config ...)");
            out.println("Integration registry: " + SimulatedRegistryCsv.write(simulator.integrationRegistry(), this.out).toAbsolutePath()
                    + " (oauthgov registry import ...)");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            out.println("Press Ctrl-C to stop.");
            stopped.await();
        }
        return Main.OK;
    }
}
