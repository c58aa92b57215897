package io.oauthgov.bench.analyzer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a pass's CPU went, by kind of thread: the analyzer's stream thread, the broker's request handlers and
 * network threads, producer I/O threads, the harness. Broker and stage share one JVM on purpose (the same run
 * measures both), so on a 2-core machine every broker cycle is a cycle the stage does not get; this shows how many.
 */
final class ThreadCpuBreakdown {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startCpu = new HashMap<>();

    ThreadCpuBreakdown() {
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                startCpu.put(info.getThreadId(), Math.max(0, THREADS.getThreadCpuTime(info.getThreadId())));
            }
        }
    }

    /** "stream thread 61%, broker request handlers 20%, ..." as shares of {@code wallNanos}, largest first. */
    String since(long wallNanos, int top) {
        Map<String, Long> byKind = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long used = Math.max(0, THREADS.getThreadCpuTime(info.getThreadId())) - startCpu.getOrDefault(info.getThreadId(), 0L);
            byKind.merge(kind(info.getThreadName()), used, Long::sum);
        }
        Map<String, Long> largest = byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return largest.entrySet().stream().map(e -> String.format("%s %.0f%%", e.getKey(), 100.0 * e.getValue() / wallNanos))
                .collect(Collectors.joining(", "));
    }

    static String kind(String name) {
        if (name.contains("StreamThread")) {
            return name.contains("producer") ? "stream producer I/O" : "stream thread";
        }
        if (name.contains("StateUpdater") || name.contains("GlobalStreamThread")) {
            return "stream state/global threads";
        }
        if (name.startsWith("data-plane-kafka-request-handler")) {
            return "broker request handlers";
        }
        if (name.startsWith("data-plane-kafka-network-thread")) {
            return "broker network threads";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "other producers' I/O";
        }
        if (name.startsWith("kafka-") || name.contains("raft") || name.contains("quorum") || name.contains("coordinator")
                || name.contains("log-cleaner") || name.contains("ReplicaFetcher")) {
            return "broker background";
        }
        if (name.equals("main")) {
            return "harness (main)";
        }
        return "other";
    }
}
