package io.oauthgov.bench.raw;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Pre-built ~300-byte records shaped like the pipeline's JSON-ish payloads (field names repeat, values vary), so
 * lz4 compresses them about as much as real records and building them costs nothing during the measurement.
 */
final class RawRecords {
    static final int VALUE_BYTES = 300;
    private static final int POOL = 4096;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final byte[][] keys = new byte[POOL][];
    private final byte[][] values = new byte[POOL][];

    RawRecords(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < POOL; i++) {
            keys[i] = ("org-" + random.nextInt(50) + "/client-" + random.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8);
            values[i] = value(random);
        }
    }

    byte[] key(int i) {
        return keys[i % POOL];
    }

    byte[] value(int i) {
        return values[i % POOL];
    }

    private static byte[] value(SplittableRandom random) {
        StringBuilder text = new StringBuilder(VALUE_BYTES + 32);
        text.append("{\"orgId\":\"").append(token(random, 36)).append("\",\"clientId\":\"").append(token(random, 36))
                .append("\",\"source\":\"USAGE\",\"relation\":\"USED_BY_CLIENT\",\"eventAt\":").append(random.nextLong(1L << 41))
                .append(",\"requests\":").append(random.nextInt(100_000)).append(",\"note\":\"");
        while (text.length() < VALUE_BYTES - 2) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        text.append("\"}");
        return text.substring(0, VALUE_BYTES).getBytes(StandardCharsets.UTF_8);
    }

    private static String token(SplittableRandom random, int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }
}
