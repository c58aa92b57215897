package io.oauthgov.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone until killed:
 * {@code java io.oauthgov.simulator.SimulatorMain --port 8089 --orgs 2 --clients 200 --seed 7 [--page-size 50]
 * [--out dir]}. Prints the base URL and where it wrote the credentials and the ground truth.
 */
public final class SimulatorMain {

    /** Parsed command line. */
    record Options(int port, int orgs, int clients, long seed, int pageSize, Path out, String bind) {

        static Options parse(String... args) {
            int port = 0;
            int orgs = 1;
            int clients = 50;
            long seed = 42;
            int pageSize = 0;
            Path out = Path.of("simulator-out");
            String bind = "127.0.0.1";
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(require(args[i], value));
                    case "--orgs" -> orgs = Integer.parseInt(require(args[i], value));
                    case "--clients" -> clients = Integer.parseInt(require(args[i], value));
                    case "--seed" -> seed = Long.parseLong(require(args[i], value));
                    case "--page-size" -> pageSize = Integer.parseInt(require(args[i], value));
                    case "--out" -> out = Path.of(require(args[i], value));
                    case "--bind" -> bind = require(args[i], value);
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]
                            + " (expected --port --orgs --clients --seed --page-size --out --bind)");
                }
                i++;
            }
            return new Options(port, orgs, clients, seed, pageSize, out, bind);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    private SimulatorMain() {
    }

    /** Starts the simulator, writes its files and reports where; the caller owns closing it. */
    public static GenesysSimulator start(PrintStream out, String... args) throws IOException {
        Options options = Options.parse(args);
        GenesysSimulator simulator = GenesysSimulator.builder()
                .port(options.port())
                .orgs(options.orgs())
                .clientsPerOrg(options.clients())
                .seed(options.seed())
                .pageSize(options.pageSize())
                .bindAddress(options.bind())
                .start();
        SimulatorArtifacts.writeAll(simulator, options.out());
        Path dir = options.out().toAbsolutePath();
        out.println("Genesys simulator listening on " + simulator.baseUrl());
        out.println("Identity credentials: " + dir.resolve(SimulatorArtifacts.IDENTITIES));
        out.println("Ground truth:         " + dir.resolve(SimulatorArtifacts.TRUTH));
        return simulator;
    }

    public static void main(String[] args) throws Exception {
        GenesysSimulator simulator;
        try {
            simulator = start(System.out, args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "genesys-simulator-shutdown"));
        stopped.await();
    }
}
