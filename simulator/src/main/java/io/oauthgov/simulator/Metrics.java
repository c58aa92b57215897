package io.oauthgov.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters benchmarks and tests read: requests and 429s per calling identity, responses per status. */
public final class Metrics {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    public void record(String identity, int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (identity == null) {
            return;
        }
        requests.computeIfAbsent(identity, i -> new LongAdder()).increment();
        if (status == 429) {
            throttled.computeIfAbsent(identity, i -> new LongAdder()).increment();
        }
    }

    public long requests(String identity) {
        LongAdder count = requests.get(identity);
        return count == null ? 0 : count.sum();
    }

    public long throttled(String identity) {
        LongAdder count = throttled.get(identity);
        return count == null ? 0 : count.sum();
    }

    public long responses(int status) {
        LongAdder count = byStatus.get(status);
        return count == null ? 0 : count.sum();
    }

    public long totalThrottled() {
        return throttled.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
