package io.oauthgov.cli;

import io.oauthgov.cli.dev.DevStack;
import io.oauthgov.cli.dev.StackFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov dev}: a local stack (broker, schema registry, simulator) that stays up until Ctrl-C. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        header = "Run a local stack (Kafka, schema registry, Genesys simulator) until Ctrl-C.",
        description = {"Start a real Kafka broker, the schema registry and the Genesys Cloud simulator in this process, write",
                "DIR/oauthgov.yaml for them and stay up until Ctrl-C. Run each stage as its own process against it with",
                "--config DIR/oauthgov.yaml, exactly as in production. Data lives in DIR: a restart with the same --dir keeps",
                "topics, offsets, schemas and what was done to the simulated orgs (--orgs, --clients, --seed apply when DIR is new)."})
public final class DevCommand implements Callable<Integer> {
    /** Exists while the stack is up (holding its pid): scripts wait for it before running stages. */
    public static final String READY_FILE = "stack.ready";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "oauthgov-dev",
            description = "Where the stack keeps its data and writes oauthgov.yaml (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--orgs", defaultValue = "1", description = "Simulated organizations (default: ${DEFAULT-VALUE}).")
    int orgs;

    @Option(names = "--clients", defaultValue = "500", description = "OAuth clients per organization (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "3000",
            description = {"Requests per minute each simulated identity may make (default: ${DEFAULT-VALUE}, so trying",
                    "things is quick; Genesys Cloud's default for a client-credentials token is 300)."})
    int rateLimit;

    @Override
    public Integer call() throws Exception {
        if (orgs < 1 || orgs > 100 || clients < 1 || clients > 100_000 || rateLimit < 1) {
            throw new UserError("--orgs must be 1..100, --clients 1..100000 and --rate-limit positive",
                    "e.g. oauthgov dev --orgs 2 --clients 500");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("--dir " + dir + " is a file", "pass a directory (it is created when missing)");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean existing = Files.exists(dir.resolve(DevStack.STACK_FILE));
        out.println((existing ? "restarting the stack in " : "starting a new stack in ") + dir.toAbsolutePath() + " ...");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C / SIGTERM: the main thread closes the stack (saving the simulator's state); the JVM waits for it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "oauthgov-dev-shutdown"));
        Path ready = dir.resolve(READY_FILE);
        Files.deleteIfExists(ready); // left by a killed stack
        try (DevStack stack = DevStack.start(dir, new DevStack.Shape(orgs, clients, seed, rateLimit))) {
            Path config = stack.config().toAbsolutePath();
            String c = "--config " + config;
            out.printf("""
                    oauthgov dev stack is up (Ctrl-C to stop; data stays in %s)
                      Kafka:            %s
                      schema registry:  %s
                      simulator:        %s (%d org%s)%s
                      mail server:      smtp://127.0.0.1:%d (what owners are told lands in %s)
                      deployment file:  %s

                    Next, each in its own terminal (see README "Run each stage yourself"):
                      oauthgov config check %s --show
                      oauthgov registry import %s %s
                      oauthgov collect %s --once
                      oauthgov analyze %s
                      oauthgov approve %s --list
                      oauthgov notify %s --once
                      oauthgov execute %s --execute --quarantine 30s --allow-short-quarantine
                      oauthgov reconcile %s --since 1d
                      oauthgov replay %s --from 1d
                    """, dir.toAbsolutePath(), stack.bootstrapServers(), stack.schemaRegistryUrl(), stack.simulator().baseUrl(),
                    stack.simulator().orgIds().size(), stack.simulator().orgIds().size() == 1 ? "" : "s",
                    stack.restoredChanges() == 0 ? "" : ", " + stack.restoredChanges() + " client changes restored",
                    stack.smtpPort(), dir.toAbsolutePath().resolve("mail"),
                    config, c, c, dir.toAbsolutePath().resolve("registry.csv"), c, c, c, c, c, c, c);
            out.println("Approvals are signed with " + dir.toAbsolutePath().resolve(StackFiles.APPROVAL_KEY)
                    + " (approver " + StackFiles.APPROVER + ").");
            out.flush();
            Files.writeString(ready, ProcessHandle.current().pid() + "\n");
            stop.await();
            Files.deleteIfExists(ready);
            out.println("stopping the stack; its data stays in " + dir.toAbsolutePath());
            out.flush();
        } finally {
            closed.countDown();
        }
        return Main.OK;
    }
}
