package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandIT {

    @Test
    void demoCollectsAnalyzesAndReportsVerdictsThatMatchTheGroundTruth(@TempDir Path report) throws Exception {
        CliRun run = CliRun.of("demo", "--clients", "60", "--seed", "7", "--report", report.toString(), "--execute");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(report.resolve("truth.json")).exists();
        assertThat(report.resolve("deleted.json")).exists();
        assertThat(report.resolve("report.html")).content().contains("<table id=\"candidates\"");
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        JsonNode truth = new ObjectMapper().readTree(report.resolve("truth.json").toFile());
        assertThat(json.path("groundTruth")).isEqualTo(truth.path("categoryCounts"));
        assertThat(json.path("phaseSeconds").size()).isGreaterThanOrEqualTo(6);
        assertThat(json.path("verdicts").path("agreeWithGroundTruth").asBoolean()).as(run.out()).isTrue();
        assertThat(json.path("candidates").size()).isPositive();
        assertThat(run.out()).contains("Summary").contains("deletion candidates").contains("Verdicts match the ground truth");

        // the gate refused the expired and the forged approval; every approval that passed got a terminal outcome
        assertThat(json.path("approvals").path("rejectedByReason").path("EXPIRED").asInt()).isEqualTo(1);
        assertThat(json.path("approvals").path("rejectedByReason").path("BAD_SIGNATURE").asInt()).isEqualTo(1);
        long passed = json.path("approvals").path("passed").asLong();
        assertThat(passed).isPositive();
        long terminal = 0;
        for (var kind : (Iterable<java.util.Map.Entry<String, JsonNode>>) () -> json.path("outcomesByKind").fields()) {
            assertThat(kind.getKey()).as("no quarantine left open").isNotEqualTo("DEACTIVATED");
            terminal += kind.getValue().asLong();
        }
        assertThat(terminal).isEqualTo(passed);
        assertThat(json.path("outcomesByKind").path("DELETED").asLong()).isPositive()
                .isEqualTo(json.path("deletedBySimulator").asLong());
        assertThat(json.path("verdicts").path("wronglyDeleted")).isEmpty();
        assertThat(report.resolve("report.html")).content().contains("id=\"outcomes\"");

        // every owner was told (one digest each) before the approvals went over HTTP; the messages are in the report
        JsonNode notifications = json.path("notifications");
        assertThat(notifications.size()).as("digests listed in report.json").isPositive();
        java.util.Set<String> told = new java.util.HashSet<>();
        notifications.forEach(n -> assertThat(told.add(n.path("recipient").asText())).as("one digest per owner: " + n).isTrue());
        assertThat(told).as("unowned clients go to the fallback contact").contains("security-team@example.test");
        java.util.List<String> files = new java.util.ArrayList<>();
        notifications.forEach(n -> n.path("files").forEach(f -> files.add(f.path("file").asText())));
        assertThat(files).anyMatch(f -> f.endsWith(".eml")).anyMatch(f -> f.endsWith(".json"));
        files.forEach(f -> assertThat(report.resolve(f)).as(f).exists());
        assertThat(json.path("approvalEndpoint").path("HTTP 401").asInt()).as("the wrongly signed request").isEqualTo(1);
        assertThat(json.path("approvalEndpoint").path("HTTP 202").asInt()).isPositive();
        assertThat(report.resolve("report.html")).content().contains("id=\"notifications\"");
        assertThat(run.out()).contains("notice period in the demo: 0 days");
    }

    @Test
    void outOfRangeClientCountIsAUsageError() {
        CliRun run = CliRun.of("demo", "--clients", "0");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--clients").contains("hint:");
    }
}
