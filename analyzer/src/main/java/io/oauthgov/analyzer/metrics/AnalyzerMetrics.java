package io.oauthgov.analyzer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.Stage;
import io.oauthgov.metrics.DomainMetrics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the analyzer's topology sends on, counted as it goes to the sinks: risk events by severity, candidates
 * proposed and withdrawn (and the ones open, per instance), approvals by gate result and rejections by reason.
 * Each method returns what it counted, so the topology counts in the step that already hands the value to its sink
 * (no extra node: the topology's description stays as pinned). Counted once per record the topology emits: under exactly-once a transaction that aborts and is retried counts
 * its records again, so these are rates of work done, and the topics stay the truth.
 */
public final class AnalyzerMetrics {
    /** The gate result of an approval that passed; a refused one is named by its rejection reason. */
    public static final String PASSED = "passed";
    /** The name of {@link #evaluated()}'s counter. */
    public static final String EVALUATIONS = "oauthgov.analyzer.evaluations";

    private final MeterRegistry registry;
    /** Open candidates by org, as this instance emitted them since it started: what it can know without a store scan. */
    private final Map<String, Set<String>> openByOrg = new ConcurrentHashMap<>();

    /**
     * Evaluations of one client, whatever triggered them (evidence, a snapshot, the clock), counted whether its
     * evidence sufficed or the verdict waits for it: the work evidence batching saves, read by the bench as evaluations per client. Internal, so not one of the documented
     * {@code DomainMetrics}.
     */
    private final Counter evaluations;

    public AnalyzerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.evaluations = Counter.builder(EVALUATIONS).description("Policy evaluations of one client (internal)")
                .register(registry);
    }

    public void evaluated() {
        evaluations.increment();
    }

    /** Records nothing anywhere: an empty composite registry is Micrometer's no-op. */
    public static AnalyzerMetrics none() {
        return new AnalyzerMetrics(new CompositeMeterRegistry());
    }

    public RiskEvent risk(RiskEvent event) {
        DomainMetrics.RISK_EVENTS.counter(registry, event.getSeverity().name()).increment();
        return event;
    }

    /** @param candidate null: the candidate of {@code key} is withdrawn (a tombstone) */
    public DeletionCandidate candidate(ClientKey key, DeletionCandidate candidate) {
        String org = key.getOrgId();
        Set<String> open = openByOrg.computeIfAbsent(org, o -> {
            Set<String> clients = ConcurrentHashMap.newKeySet();
            DomainMetrics.CANDIDATES_OPEN.gauge(registry, clients, Set::size, o);
            return clients;
        });
        if (candidate == null) {
            open.remove(key.getClientId());
            DomainMetrics.CANDIDATES_WITHDRAWN.counter(registry, org).increment();
        } else {
            open.add(key.getClientId());
            DomainMetrics.CANDIDATES_PROPOSED.counter(registry, org).increment();
        }
        return candidate;
    }

    public ApprovedDeletion approved(ApprovedDeletion deletion) {
        DomainMetrics.APPROVALS.counter(registry, PASSED).increment();
        return deletion;
    }

    public Rejection rejected(Rejection rejection) {
        DomainMetrics.REJECTIONS.counter(registry, rejection.getStage().name(), rejection.getReason().name()).increment();
        if (rejection.getStage() == Stage.APPROVAL_GATE) {
            DomainMetrics.APPROVALS.counter(registry, rejection.getReason().name()).increment();
        }
        return rejection;
    }
}
