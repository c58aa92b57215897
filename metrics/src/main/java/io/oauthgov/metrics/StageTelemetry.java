package io.oauthgov.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;

/**
 * One long-running stage's telemetry: a Prometheus registry tagged {@code stage=<name>} with the JVM and process
 * figures bound, and the {@link MetricsServer} that exposes it. The stage records into {@link #registry()} and
 * installs its {@link Readiness} once built; until then {@code /health/ready} says it is starting.
 */
public final class StageTelemetry implements AutoCloseable {
    public static final String STAGE_TAG = "stage";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final MetricsServer server;

    private StageTelemetry(String stage, InetSocketAddress address) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(STAGE_TAG, stage);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        MetricsServer started;
        try {
            started = MetricsServer.start(address, registry, Readiness.starting(stage));
        } catch (RuntimeException e) {
            gc.close();
            registry.close();
            throw e;
        }
        this.server = started;
    }

    /** Starts serving on {@code address} (port 0: any free port). */
    public static StageTelemetry start(String stage, InetSocketAddress address) {
        return new StageTelemetry(stage, address);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void readiness(Readiness readiness) {
        server.readiness(readiness);
    }

    public String url() {
        return server.url();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
        gc.close();
        registry.close();
    }
}
