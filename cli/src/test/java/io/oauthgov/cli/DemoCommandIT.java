package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandIT {

    @Test
    void demoWritesTheGroundTruthAndAReportWhoseCountsMatchIt(@TempDir Path report) throws Exception {
        CliRun run = CliRun.of("demo", "--clients", "60", "--seed", "7", "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(report.resolve("truth.json")).exists();
        assertThat(report.resolve("deleted.json")).exists();
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        JsonNode truth = new ObjectMapper().readTree(report.resolve("truth.json").toFile());
        assertThat(json.path("groundTruth")).isEqualTo(truth.path("categoryCounts"));
        assertThat(json.path("phaseSeconds").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void outOfRangeClientCountIsAUsageError() {
        CliRun run = CliRun.of("demo", "--clients", "0");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--clients").contains("hint:");
    }
}
