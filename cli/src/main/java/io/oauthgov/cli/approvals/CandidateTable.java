package io.oauthgov.cli.approvals;

import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Open candidates as a terminal table: enough for a human to recognise each client and see why it is proposed.
 * Client ids are printed whole (they are what {@code --approve} takes); long names are shortened.
 */
public final class CandidateTable {
    private static final String[] HEADER = {"ORG", "CLIENT ID", "CLIENT NAME", "ELIGIBLE SINCE", "LAST USED", "REASONS"};
    private static final int MAX_NAME = 40;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private CandidateTable() {}

    public static void print(PrintWriter out, List<DeletionCandidate> candidates) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        candidates.forEach(c -> rows.add(row(c)));
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // The last column is not padded, so lines carry no trailing blanks.
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String[] row(DeletionCandidate c) {
        return new String[] {c.getOrgId(), c.getClientId(), shorten(c.getClientName()), day(c.getEligibleAt()),
                c.getLastUsedAt() == null ? "never" : day(c.getLastUsedAt()),
                c.getReasons().stream().map(Finding::getRuleId).distinct().collect(Collectors.joining(","))};
    }

    private static String shorten(String name) {
        String oneLine = name.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_NAME ? oneLine : oneLine.substring(0, MAX_NAME - 1) + "…";
    }

    private static String day(Instant instant) {
        return DAY.format(instant);
    }
}
