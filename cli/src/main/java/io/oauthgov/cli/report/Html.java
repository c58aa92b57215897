package io.oauthgov.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Escaping and the few formatting rules every part of the report shares. Everything that comes from report data
 * passes through {@link #esc}: client names and details are attacker-controllable (anyone who may create an OAuth
 * client in the organization chooses its name).
 */
final class Html {
    private Html() {}

    /** Escapes text for element content and for quoted attribute values alike. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** A field as text, "" when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    static long number(JsonNode node, String field) {
        return node.path(field).asLong(0);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An ISO-8601 instant, or null when the text is not one (the report then shows the text as it is). */
    static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A sortable time cell: epoch millis to sort by, a compact UTC rendering to read, the exact value on hover. */
    static String timeCell(String iso) {
        Instant at = instant(iso);
        if (at == null) {
            return "<td data-sort=\"\">" + (iso == null || iso.isBlank() ? "<span class=\"muted\">never</span>" : esc(iso)) + "</td>";
        }
        String shown = at.toString().replace('T', ' ').replaceFirst("(\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?Z$", "$1") + " UTC";
        return "<td data-sort=\"" + at.toEpochMilli() + "\" title=\"" + esc(iso) + "\" class=\"nowrap\">" + esc(shown) + "</td>";
    }

    /** A CSS class fragment from data (e.g. an outcome kind): letters, digits and dashes only, never markup. */
    static String token(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
