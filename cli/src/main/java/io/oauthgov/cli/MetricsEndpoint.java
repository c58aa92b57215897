package io.oauthgov.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.oauthgov.metrics.Readiness;
import io.oauthgov.metrics.StageTelemetry;

/** A command's metrics endpoint, or its absence: the stage records into {@link #registry()} either way. */
final class MetricsEndpoint implements AutoCloseable {
    private final StageTelemetry telemetry;
    private final MeterRegistry registry;

    private MetricsEndpoint(StageTelemetry telemetry, MeterRegistry registry) {
        this.telemetry = telemetry;
        this.registry = registry;
    }

    static MetricsEndpoint on(StageTelemetry telemetry) {
        return new MetricsEndpoint(telemetry, telemetry.registry());
    }

    /** No endpoint: an empty composite registry records nowhere. */
    static MetricsEndpoint off() {
        return new MetricsEndpoint(null, new CompositeMeterRegistry());
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The stage's own check, once it is built; until then {@code /health/ready} says it is starting. */
    void readiness(Readiness readiness) {
        if (telemetry != null) {
            telemetry.readiness(readiness);
        }
    }

    @Override
    public void close() {
        if (telemetry != null) {
            telemetry.close();
        }
    }
}
