package io.oauthgov.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report file itself; what a cell may hold is {@code SafeCsvTest}'s. */
class CsvReportTest {

    @Test
    void writesAHeaderAndQuotesCellsAsRfc4180WantsInUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");

        CsvReport.write(file, List.of("name", "note"), List.of(
                List.of("Zoë's \"bot\", v2", "line one\nline two"),
                List.of("=cmd|' /C calc'!A0", "plain")));

        String raw = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(raw).startsWith("\"name\",\"note\"\r\n").contains("\"Zoë's \"\"bot\"\", v2\"");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSVFormat.RFC4180.parse(reader).getRecords();
            assertThat(records).hasSize(3);
            assertThat(records.get(1).values()).containsExactly("Zoë's \"bot\", v2", "line one\nline two");
            assertThat(records.get(2).get(0)).as("a formula is written as text").isEqualTo("'=cmd|' /C calc'!A0");
        }
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefusedRatherThanShiftingColumns(@TempDir Path dir) {
        assertThatThrownBy(() -> CsvReport.write(dir.resolve("t.csv"), List.of("a", "b"), List.of(List.of("only one"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells");
    }
}
