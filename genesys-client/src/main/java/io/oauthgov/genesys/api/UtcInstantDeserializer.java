package io.oauthgov.genesys.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads the instants the API writes — UTC, to the second or the millisecond ({@code 2025-05-30T00:00:00Z},
 * {@code 2025-05-30T00:00:00.000Z}) — without the general ISO-8601 parser, which took most of the collector's time
 * reading a usage answer (a date on every row; JFR of the fleet benchmark). Any other text, a number, a leap second
 * or an impossible date goes to Jackson's own deserializer, which reads it or fails exactly as before.
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final int TO_SECONDS = "2025-05-30T00:00:00Z".length();
    private static final int TO_MILLIS = "2025-05-30T00:00:00.000Z".length();

    UtcInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant utc = utc(parser.getText());
            if (utc != null) {
                return utc;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /** The instant of {@code text} if it has one of the two UTC shapes, else null. */
    static Instant utc(String text) {
        int length = text.length();
        if ((length != TO_SECONDS && length != TO_MILLIS) || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length == TO_MILLIS && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = length == TO_MILLIS ? digits(text, 20, 3) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millis < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // 24:00, 23:59:60, 30 February: the general parser decides
        }
    }

    /** The decimal number of {@code count} digits at {@code from}; -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
