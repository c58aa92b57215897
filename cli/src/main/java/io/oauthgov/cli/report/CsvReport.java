package io.oauthgov.cli.report;

import io.oauthgov.cli.csv.SafeCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a report table as CSV through {@link SafeCsv} (RFC 4180, UTF-8, every cell quoted and neutralised against
 * formula injection, the one way oauthgov writes CSV): a header row, then one row per record. What pandas'
 * {@code read_csv} and any spreadsheet open without options.
 */
public final class CsvReport {
    private CsvReport() {}

    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells, the header " + header.size());
            }
        }
        Files.writeString(file, SafeCsv.write(header, rows), StandardCharsets.UTF_8);
    }
}
