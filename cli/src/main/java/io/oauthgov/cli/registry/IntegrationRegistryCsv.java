package io.oauthgov.cli.registry;

import io.oauthgov.avro.Criticality;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.schemas.contact.Contact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CMDB export of which integration owns which OAuth client. Required columns: orgId, clientId, owner,
 * system; optional: criticality (LOW..CRITICAL), protected (true/false), notes, clientName, and where the owner is told
 * before anything happens: contactEmail (an e-mail address), chatWebhook (an https webhook URL) and escalationContact
 * (either; told when the owner's own contacts fail). RFC 4180 CSV (quoted
 * fields with commas, doubled quotes or line breaks; a UTF-8 byte order mark as Excel writes it). Every problem is
 * reported with its line, and nothing is imported unless the whole file is valid: a half-imported registry could
 * leave a protected client unprotected.
 */
public final class IntegrationRegistryCsv {
    private static final List<String> REQUIRED = List.of("orgId", "clientId", "owner", "system");

    private IntegrationRegistryCsv() {}

    /** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; blank lines are skipped. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    private static final char BOM = '\uFEFF';

    public static List<IntegrationRecord> parse(String csv, String source, Instant now) {
        // Excel's "CSV UTF-8" starts with a byte order mark; it is not part of the first column's name.
        String text = !csv.isEmpty() && csv.charAt(0) == BOM ? csv.substring(1) : csv;
        List<Row> rows = rows(text, source);
        if (rows.isEmpty() || rows.get(0).cells().stream().allMatch(String::isBlank)) {
            throw new RegistryFormatException(source + ": empty file, expected a header line with " + REQUIRED);
        }
        Map<String, Integer> columns = new TreeMap<>();
        List<String> header = rows.get(0).cells();
        for (int i = 0; i < header.size(); i++) {
            if (columns.put(header.get(i).trim(), i) != null) {
                throw new RegistryFormatException(source + ":1: column '" + header.get(i).trim() + "' appears twice");
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new RegistryFormatException(source + ":1: missing column(s) " + missing);
        }
        List<IntegrationRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Row row : rows.subList(1, rows.size())) {
            List<String> cells = row.cells();
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            long line = row.line();
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
            Contacts contacts;
            try {
                contacts = contacts(cells, columns);
            } catch (Contact.InvalidContactException e) {
                problems.add(source + ":" + line + ": " + e.getMessage());
                continue;
            }
            records.add(IntegrationRecord.newBuilder()
                    .setOrgId(orgId).setClientId(clientId)
                    .setOwner(cell(cells, columns, "owner")).setSystem(cell(cells, columns, "system"))
                    .setCriticality(level).setProtected$(protectedText.equals("true"))
                    .setNotes(notes.isEmpty() ? null : notes).setUpdatedAt(now).setSource(source)
                    .setContactEmail(contacts.email()).setChatWebhook(contacts.webhook()).setEscalationContact(contacts.escalation())
                    .build());
        }
        if (!problems.isEmpty()) {
            throw new RegistryFormatException(String.join("\n", problems));
        }
        return records;
    }

    /** The row's contact columns, each null when blank. */
    private record Contacts(String email, String webhook, String escalation) {}

    private static Contacts contacts(List<String> cells, Map<String, Integer> columns) {
        String email = cell(cells, columns, "contactEmail");
        String webhook = cell(cells, columns, "chatWebhook");
        String escalation = cell(cells, columns, "escalationContact");
        return new Contacts(
                email.isEmpty() ? null : column("contactEmail", () -> Contact.email(email).address()),
                webhook.isEmpty() ? null : column("chatWebhook", () -> Contact.webhook(webhook).address()),
                escalation.isEmpty() ? null : column("escalationContact", () -> Contact.parse(escalation).address()));
    }

    /** Names the column in the problem, so the line's message says which cell to fix. */
    private static String column(String name, java.util.function.Supplier<String> parse) {
        try {
            return parse.get();
        } catch (Contact.InvalidContactException e) {
            throw new Contact.InvalidContactException(name + " " + e.getMessage());
        }
    }

    private static String cell(List<String> cells, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= cells.size() ? "" : cells.get(index).trim();
    }

    /** One record of the file and the line it starts on (a quoted cell may span lines). */
    private record Row(long line, List<String> cells) {}

    private static List<Row> rows(String text, String source) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            long nextLine = 1;
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>(record.size());
                record.forEach(cells::add);
                // the parser counts the line breaks it consumed: skipped blank lines and multi-line cells included
                long endLine = parser.getCurrentLineNumber();
                long spanned = cells.stream().mapToLong(c -> c.chars().filter(ch -> ch == '\n').count()).sum();
                rows.add(new Row(Math.max(nextLine, endLine - spanned), cells));
                nextLine = endLine + 1;
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new RegistryFormatException(source + ": not valid CSV (RFC 4180): " + e.getMessage()
                    + "; a field holding a comma, a quote or a line break must be in double quotes, a quote inside doubled (\"\")");
        }
        return rows;
    }

    /** The file is not a valid registry export; the message lists every problem with its line. */
    public static final class RegistryFormatException extends RuntimeException {
        public RegistryFormatException(String message) {
            super(message);
        }
    }
}
