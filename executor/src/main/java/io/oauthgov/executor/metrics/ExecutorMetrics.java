package io.oauthgov.executor.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.Stage;
import io.oauthgov.executor.ApiIdentities;
import io.oauthgov.executor.ExecutorStats;
import io.oauthgov.genesys.ApiIdentityMeters;
import io.oauthgov.metrics.DomainMetrics;
import java.time.Clock;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The executor's figures as meters, read from what it already counts ({@link ExecutorStats}: outcomes by kind,
 * refusals by reason, quarantine size, owned partitions) and from each identity's call chain; plus the Kafka
 * consumer's own metrics (lag of the approved deletions included) while it runs. {@link #none()} records nowhere.
 */
public final class ExecutorMetrics {
    private final MeterRegistry registry;
    private final Clock clock;
    private KafkaClientMetrics consumerMetrics;

    public ExecutorMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Records nothing anywhere: an empty composite registry is Micrometer's no-op. */
    public static ExecutorMetrics none() {
        return new ExecutorMetrics(new CompositeMeterRegistry(), Clock.systemUTC());
    }

    /** Binds an executor's counts and identities; called once, by the executor it belongs to. */
    public void bind(ExecutorStats stats, ApiIdentities identities) {
        for (OutcomeKind kind : OutcomeKind.values()) {
            DomainMetrics.OUTCOMES.functionCounter(registry, stats, s -> s.count(kind), kind.name());
        }
        for (RejectionReason reason : RejectionReason.values()) {
            DomainMetrics.REJECTIONS.functionCounter(registry, stats, s -> s.refusals(reason), Stage.EXECUTOR.name(), reason.name());
        }
        DomainMetrics.QUARANTINE_CLIENTS.gauge(registry, stats, ExecutorStats::quarantined);
        DomainMetrics.EXECUTOR_PARTITIONS.gauge(registry, stats, ExecutorStats::ownedPartitions);
        identities.all().forEach(api -> ApiIdentityMeters.bind(registry, api, clock));
    }

    /** The consumer of the approved deletions was created: its fetch, lag and coordinator metrics are exported. */
    public void consumerStarted(Consumer<?, ?> consumer) {
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
    }

    /** The consumer is closing: its meters go with it. */
    public void consumerStopped() {
        if (consumerMetrics != null) {
            consumerMetrics.close();
            consumerMetrics = null;
        }
    }
}
