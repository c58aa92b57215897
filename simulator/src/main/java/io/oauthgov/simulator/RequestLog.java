package io.oauthgov.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/** Every request the simulator answered (or dropped), newest last; bounded so long benchmarks do not grow it forever. */
public final class RequestLog {
    /** Status of a request whose connection was closed without a response (connection-reset fault). */
    public static final int CONNECTION_RESET = 0;

    /**
     * @param identity the calling OAuth client id, or null when the caller was not authenticated
     */
    public record Entry(Instant at, String method, String path, String query, String orgId, String identity,
            int status, String correlationId) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    public RequestLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(Entry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<Entry> matching(Predicate<Entry> filter) {
        return entries.stream().filter(filter).toList();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
