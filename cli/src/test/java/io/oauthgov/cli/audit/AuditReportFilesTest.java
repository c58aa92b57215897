package io.oauthgov.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReportFilesTest {

    private static AuditResult result(List<AuditRow> rows, Optional<AuditResult.Since> since) {
        return new AuditResult(Instant.parse("2026-01-02T03:04:05Z"), "default", "3", 90, Optional.empty(), List.of(), Map.of(),
                rows, List.of(), List.of(), since, Map.of());
    }

    @Test
    void theRowsWrittenAreTheRowsALaterAuditReadsBack(@TempDir Path dir) throws Exception {
        List<AuditRow> rows = List.of(new AuditRow("o", "c1", "=evil", "CODE", "active", "team", "2025-12-01T00:00:00Z", "HIGH",
                List.of("high-risk-scopes", "unowned"), true, "stale-unused: no use", List.of("admin:*")));

        AuditReportFiles.write(result(rows, Optional.empty()), dir);
        AuditReportFiles.Previous previous = AuditReportFiles.readPrevious(dir);

        assertThat(previous.rows()).isEqualTo(rows);
        assertThat(previous.generatedAt()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(Files.readAllLines(dir.resolve(AuditReportFiles.CSV)).get(1)).startsWith("\"o\",\"c1\",\"'=evil\",\"CODE\",\"active\",\"team\",");
        assertThat(Files.readString(dir.resolve(AuditReportFiles.HTML))).contains("OAuth client audit").contains("id=\"clients\"")
                .contains("no --registry given");
        assertThat(dir.resolve(AuditReportFiles.CHANGES)).as("no comparison, no changes file").doesNotExist();
    }

    @Test
    void aComparisonWritesChangesCsvAndTheChangesSection(@TempDir Path dir) throws Exception {
        AuditDiff.Change change = new AuditDiff.Change("o", "c1", "one", AuditDiff.Kind.SEVERITY_UP, "LOW", "HIGH");

        AuditReportFiles.write(result(List.of(), Optional.of(new AuditResult.Since("old/report.json", "2025-12-01T00:00:00Z",
                List.of(change)))), dir);

        assertThat(Files.readAllLines(dir.resolve(AuditReportFiles.CHANGES)))
                .containsExactly("\"org_id\",\"client_id\",\"client_name\",\"change\",\"before\",\"after\"",
                        "\"o\",\"c1\",\"one\",\"SEVERITY_UP\",\"LOW\",\"HIGH\"");
        assertThat(Files.readString(dir.resolve(AuditReportFiles.HTML))).contains("id=\"changes\"").contains("SEVERITY_UP");
    }

    @Test
    void aDirectoryWithoutAnAuditReportIsRefusedWithWhatIsWrong(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> AuditReportFiles.readPrevious(dir)).hasMessageContaining("holds no report.json");

        Files.writeString(dir.resolve("report.json"), "{\"orgs\": 1, \"candidates\": []}");
        assertThatThrownBy(() -> AuditReportFiles.readPrevious(dir)).hasMessageContaining("not the report of an audit");

        Files.writeString(dir.resolve("report.json"), "{not json");
        assertThatThrownBy(() -> AuditReportFiles.readPrevious(dir)).hasMessageContaining("is not JSON");
    }
}
