package io.oauthgov.bench.collector;

import io.oauthgov.simulator.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a collection's time went, from the simulator's request log: for each kind of call (listing, detail reads,
 * usage query, audit query) how many and over which span of the run. Gaps between the spans are the collector's
 * own work (verifying, mapping, publishing to Kafka).
 */
final class CallPhases {
    private final Instant origin;
    private final Map<String, List<RequestLog.Entry>> byKind;

    CallPhases(List<RequestLog.Entry> calls) {
        this.origin = calls.get(0).at();
        this.byKind = calls.stream().collect(Collectors.groupingBy(CallPhases::kind, LinkedHashMap::new, Collectors.toList()));
    }

    /** "listing 1 calls 0.0–0.0 s, detail reads 5,002 calls 1.3–13.2 s, ..." (seconds since the first call). */
    String describe() {
        return byKind.entrySet().stream().map(e -> String.format("%s %,d calls %.1f–%.1f s", e.getKey(), e.getValue().size(),
                        seconds(first(e.getKey())), seconds(last(e.getKey()))))
                .collect(Collectors.joining(", "));
    }

    /** Calls per second within the span of one kind of call; NaN when it had fewer than two. */
    double rate(String kind) {
        List<RequestLog.Entry> calls = byKind.getOrDefault(kind, List.of());
        if (calls.size() < 2) {
            return Double.NaN;
        }
        return (calls.size() - 1) / (Duration.between(first(kind), last(kind)).toNanos() / 1e9);
    }

    private Instant first(String kind) {
        return byKind.get(kind).get(0).at();
    }

    private Instant last(String kind) {
        List<RequestLog.Entry> calls = byKind.get(kind);
        return calls.get(calls.size() - 1).at();
    }

    static final String DETAIL_READS = "detail reads";

    /** How many calls of one kind the run made. */
    int count(String kind) {
        return byKind.getOrDefault(kind, List.of()).size();
    }

    static String kind(RequestLog.Entry call) {
        String path = call.path();
        if (path.startsWith("/api/v2/oauth/clients/")) {
            return DETAIL_READS;
        }
        if (path.startsWith("/api/v2/oauth/clients")) {
            return "listing";
        }
        if (path.contains("/usage")) {
            return "usage";
        }
        if (path.contains("/audits")) {
            return "audit";
        }
        return path;
    }

    private double seconds(Instant at) {
        return Duration.between(origin, at).toNanos() / 1e9;
    }
}
