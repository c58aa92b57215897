package io.oauthgov.cli.report;

/**
 * OWASP "CSV Injection": a spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or a carriage return as a formula, so a client named {@code =HYPERLINK(...)} by whoever may create clients would
 * act inside the reviewer's spreadsheet. Such a cell is written with a leading {@code '}, which spreadsheets show as
 * text. Applied to every cell oauthgov writes to a CSV file.
 */
public final class CsvInjection {
    private CsvInjection() {}

    /** The cell as a spreadsheet shows it as text: prefixed with {@code '} when it looks like a formula. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }
}
