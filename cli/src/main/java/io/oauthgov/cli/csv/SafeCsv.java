package io.oauthgov.cli.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Every CSV oauthgov writes goes through here, so a spreadsheet opening it never runs a formula hidden in the data
 * (OWASP "CSV Injection"): client names, owners and notes come from people who may create OAuth clients or edit the
 * CMDB. A cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed with
 * a single quote, which spreadsheets show as text; plain numbers such as {@code -5} are left as they are. Every cell
 * is quoted and embedded quotes doubled (RFC 4180), as OWASP also advises.
 */
public final class SafeCsv {
    /** A number, which a leading minus does not turn into a formula. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator("\r\n").get(); // RFC 4180 line ends

    private SafeCsv() {}

    /** The cell as a spreadsheet must see it: text that cannot start a formula. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty() || NUMBER.matcher(cell).matches()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }

    /** A whole CSV document: the header row, then one row per entry, every cell neutralised and quoted. */
    public static String write(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(header.stream().map(SafeCsv::neutralise).toList());
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(SafeCsv::neutralise).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }
}
