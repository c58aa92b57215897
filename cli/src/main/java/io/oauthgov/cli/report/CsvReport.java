package io.oauthgov.cli.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a report table as RFC 4180 CSV in UTF-8 (CRLF line ends, quotes where a cell needs them, embedded quotes
 * doubled): a header row, then one row per record, every cell neutralised against formula injection. What pandas'
 * {@code read_csv} and any spreadsheet open without options.
 */
public final class CsvReport {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private CsvReport() {}

    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
            printer.printRecord(header.stream().map(CsvInjection::neutralise).toList());
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("a row has " + row.size() + " cells, the header " + header.size());
                }
                printer.printRecord(row.stream().map(CsvInjection::neutralise).toList());
            }
        }
    }
}
