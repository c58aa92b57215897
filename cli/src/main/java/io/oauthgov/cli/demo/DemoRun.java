package io.oauthgov.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.cli.Main;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.SimulatorArtifacts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

/**
 * One demo run: infrastructure, the simulated organization, then each pipeline stage in order, with a phase
 * line per step, a summary table at the end and the report files a reader can check against the ground truth.
 */
public final class DemoRun {
    private final DemoOptions options;
    private final PrintStream out;
    private final PhaseTimer phases;

    public DemoRun(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.phases = new PhaseTimer(out);
    }

    public int run() throws Exception {
        Files.createDirectories(options.reportDir());
        try (EmbeddedEnvironment environment = phases.run("start embedded Kafka broker, schema registry, topics", EmbeddedEnvironment::start);
             GenesysSimulator simulator = phases.run("start simulated Genesys Cloud (" + options.orgs() + " org(s) x "
                     + options.clientsPerOrg() + " clients, seed " + options.seed() + ")", this::startSimulator)) {
            out.printf("    broker %s, schema registry %s, Genesys API %s%n",
                    environment.bootstrapServers(), environment.schemaRegistryUrl(), simulator.baseUrl());
            phases.run("write ground truth", () -> {
                SimulatorArtifacts.writeAll(simulator, options.reportDir());
                return null;
            });
            Map<String, Integer> truth = new TreeMap<>();
            simulator.groundTruth().categoryCounts().forEach((category, count) -> truth.put(category.name(), count));
            printSummary(truth);
            writeReport(truth);
        }
        return Main.OK;
    }

    private GenesysSimulator startSimulator() {
        return GenesysSimulator.builder()
                .orgs(options.orgs())
                .clientsPerOrg(options.clientsPerOrg())
                .seed(options.seed())
                .start();
    }

    private void printSummary(Map<String, Integer> truth) {
        out.println();
        out.println("Simulated organization (ground truth)");
        truth.forEach((category, count) -> out.printf("  %-24s %6d%n", category, count));
        out.println();
        out.println("Phase timings");
        phases.durations().forEach((phase, took) -> out.printf("  %-70s %6.1f s%n", phase, took.toMillis() / 1000.0));
        out.printf("%nReport: %s%n", options.reportDir().toAbsolutePath());
    }

    private void writeReport(Map<String, Integer> truth) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode report = json.createObjectNode();
        report.put("orgs", options.orgs());
        report.put("clientsPerOrg", options.clientsPerOrg());
        report.put("seed", options.seed());
        report.put("execute", options.execute());
        report.set("groundTruth", json.valueToTree(truth));
        ObjectNode timings = report.putObject("phaseSeconds");
        phases.durations().forEach((phase, took) -> timings.put(phase, took.toMillis() / 1000.0));
        json.writeValue(options.reportDir().resolve("report.json").toFile(), report);
    }

}
