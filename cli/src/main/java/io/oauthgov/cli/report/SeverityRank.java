package io.oauthgov.cli.report;

import java.util.Locale;

/**
 * Severities in the order a reviewer reads them. Tables sort by {@link #rank()}, never by name: alphabetically,
 * HIGH would come before CRITICAL and LOW before MEDIUM.
 */
enum SeverityRank {
    CRITICAL(5), HIGH(4), MEDIUM(3), LOW(2), INFO(1), NONE(0);

    private final int rank;

    SeverityRank(int rank) {
        this.rank = rank;
    }

    int rank() {
        return rank;
    }

    /** The label shown; the report's INFORMATIONAL (the Avro name) and INFO are the same level. */
    String label() {
        return this == NONE ? "n/a" : name();
    }

    static SeverityRank of(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("INFORMATIONAL")) {
            return INFO;
        }
        for (SeverityRank s : values()) {
            if (s.name().equals(upper)) {
                return s;
            }
        }
        return NONE;
    }
}
