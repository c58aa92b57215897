package io.oauthgov.cli.registry;

import io.oauthgov.avro.Criticality;
import io.oauthgov.avro.IntegrationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a CMDB export of which integration owns which OAuth client. Required columns: orgId, clientId, owner,
 * system; optional: criticality (LOW..CRITICAL), protected (true/false), notes, clientName. Every problem is
 * reported with its line, and nothing is imported unless the whole file is valid: a half-imported registry could
 * leave a protected client unprotected.
 */
public final class IntegrationRegistryCsv {
    private static final List<String> REQUIRED = List.of("orgId", "clientId", "owner", "system");

    private IntegrationRegistryCsv() {}

    public static List<IntegrationRecord> parse(String csv, String source, Instant now) {
        String[] lines = csv.replace("\r\n", "\n").split("\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new RegistryFormatException(source + ": empty file, expected a header line with " + REQUIRED);
        }
        Map<String, Integer> columns = new TreeMap<>();
        String[] header = lines[0].split(",", -1);
        for (int i = 0; i < header.length; i++) {
            columns.put(header[i].trim(), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new RegistryFormatException(source + ":1: missing column(s) " + missing);
        }
        List<IntegrationRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int n = 1; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            String[] cells = lines[n].split(",", -1);
            int line = n + 1;
            String orgId = cell(cells, columns, "orgId");
            String clientId = cell(cells, columns, "clientId");
            if (orgId.isEmpty() || clientId.isEmpty()) {
                problems.add(source + ":" + line + ": orgId and clientId are required");
                continue;
            }
            if (!seen.add(orgId + "/" + clientId)) {
                problems.add(source + ":" + line + ": client " + clientId + " of org " + orgId + " is listed twice");
                continue;
            }
            String criticality = cell(cells, columns, "criticality").toUpperCase(Locale.ROOT);
            Criticality level;
            try {
                level = criticality.isEmpty() ? Criticality.UNKNOWN : Criticality.valueOf(criticality);
            } catch (IllegalArgumentException e) {
                problems.add(source + ":" + line + ": criticality '" + criticality + "' is not one of LOW, MEDIUM, HIGH, CRITICAL");
                continue;
            }
            String protectedText = cell(cells, columns, "protected").toLowerCase(Locale.ROOT);
            if (!protectedText.isEmpty() && !protectedText.equals("true") && !protectedText.equals("false")) {
                problems.add(source + ":" + line + ": protected must be true or false, got '" + protectedText + "'");
                continue;
            }
            String notes = cell(cells, columns, "notes");
            records.add(IntegrationRecord.newBuilder()
                    .setOrgId(orgId).setClientId(clientId)
                    .setOwner(cell(cells, columns, "owner")).setSystem(cell(cells, columns, "system"))
                    .setCriticality(level).setProtected$(protectedText.equals("true"))
                    .setNotes(notes.isEmpty() ? null : notes).setUpdatedAt(now).setSource(source)
                    .build());
        }
        if (!problems.isEmpty()) {
            throw new RegistryFormatException(String.join("\n", problems));
        }
        return records;
    }

    private static String cell(String[] cells, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= cells.length ? "" : cells[index].trim();
    }

    /** The file is not a valid registry export; the message lists every problem with its line. */
    public static final class RegistryFormatException extends RuntimeException {
        public RegistryFormatException(String message) {
            super(message);
        }
    }
}
