package io.oauthgov.analyzer.topology;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde that decodes each distinct value once: for the global tables (an org's snapshot manifest, its roles and
 * divisions), which every client evaluation reads but which change once per collection. The profile had the
 * manifest decoded for every client. Keyed by the bytes' content, so a new manifest (other bytes) is decoded anew
 * and a stale value can never be returned; the org's value as the store holds it is still read on every get.
 *
 * <p>Decoded values are shared between callers: they must treat them as immutable (the evaluator only reads).
 */
final class MemoizingSerde<T> implements Serde<T> {
    /** Far more than the orgs one analyzer serves; reached only by churn, then everything is decoded afresh. */
    static final int MAX_VALUES = 1_024;

    private final Serde<T> inner;
    private final ConcurrentHashMap<Content, T> decoded = new ConcurrentHashMap<>();

    MemoizingSerde(Serde<T> inner) {
        this.inner = inner;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
    }

    @Override
    public void close() {
        decoded.clear();
        inner.close();
    }

    @Override
    public Serializer<T> serializer() {
        return inner.serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> decode = inner.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            Content content = new Content(bytes);
            T value = decoded.get(content);
            if (value == null) {
                value = decode.deserialize(topic, bytes);
                if (decoded.size() >= MAX_VALUES) {
                    decoded.clear();
                }
                decoded.put(new Content(bytes.clone()), value);
            }
            return value;
        };
    }

    /** Values decoded so far and still kept: for tests. */
    int size() {
        return decoded.size();
    }

    /**
     * Bytes compared by content. The hash samples at most about 64 positions, so a large roles snapshot is not
     * hashed byte by byte on every read; equality then compares every byte (a vectorised mismatch).
     */
    private static final class Content {
        private final byte[] bytes;
        private final int hash;

        Content(byte[] bytes) {
            this.bytes = bytes;
            int step = Math.max(1, bytes.length / 64);
            int h = bytes.length;
            for (int i = 0; i < bytes.length; i += step) {
                h = 31 * h + bytes[i];
            }
            this.hash = 31 * h + (bytes.length == 0 ? 0 : bytes[bytes.length - 1]);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Content that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
