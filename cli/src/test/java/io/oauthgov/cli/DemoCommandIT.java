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
        CliRun run = CliRun.of("demo", "--clients", "60", "--seed", "7", "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(report.resolve("truth.json")).exists();
        assertThat(report.resolve("deleted.json")).exists();
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        JsonNode truth = new ObjectMapper().readTree(report.resolve("truth.json").toFile());
        assertThat(json.path("groundTruth")).isEqualTo(truth.path("categoryCounts"));
        assertThat(json.path("phaseSeconds").size()).isGreaterThanOrEqualTo(6);
        assertThat(json.path("verdicts").path("agreeWithGroundTruth").asBoolean()).as(run.out()).isTrue();
        assertThat(json.path("candidates").size()).isPositive();
        assertThat(run.out()).contains("Summary").contains("deletion candidates").contains("Verdicts match the ground truth");
    }

    @Test
    void outOfRangeClientCountIsAUsageError() {
        CliRun run = CliRun.of("demo", "--clients", "0");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--clients").contains("hint:");
    }
}
