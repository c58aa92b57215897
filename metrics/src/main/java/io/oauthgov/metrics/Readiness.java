package io.oauthgov.metrics;

/**
 * Whether a stage can do its job right now, and why not: {@code /health/ready} answers 200 or 503 with the detail.
 * Each long-running stage implements it on its own terms (the analyzer: Kafka Streams RUNNING; the executor: it owns
 * partitions of the approved deletions; the collector: its last cycle verified every org). Called on the HTTP
 * server's thread, so implementations read only thread-safe state.
 */
@FunctionalInterface
public interface Readiness {
    Status check();

    /** @param detail one line for an operator, e.g. "analyzer REBALANCING" */
    record Status(boolean ready, String detail) {
        public static Status ready(String detail) {
            return new Status(true, detail);
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }
    }

    /** Until the stage is built and installs its own check. */
    static Readiness starting(String stage) {
        return () -> Status.notReady(stage + " is starting");
    }
}
