package io.oauthgov.metrics;

import io.oauthgov.metrics.DomainMetric.Kind;
import java.util.List;

/**
 * Every oauthgov domain metric, named once. Stages record into these and nothing else; the README's table, the
 * Grafana dashboard and the Prometheus rules read the same names. Per-identity figures carry {@code org} and
 * {@code identity} (the client id oauthgov calls the API as, never a secret); per-org figures carry {@code org}.
 * Every series also carries the {@code stage} common tag of the process that exports it.
 */
public final class DomainMetrics {
    public static final String ORG = "org";
    public static final String IDENTITY = "identity";

    // --- the Genesys Cloud API, per identity (collector and executor)
    public static final DomainMetric API_CALLS = new DomainMetric("oauthgov.api.calls", Kind.COUNTER,
            "Genesys Cloud API requests sent by this identity, every attempt counted", List.of(ORG, IDENTITY));
    public static final DomainMetric API_THROTTLED = new DomainMetric("oauthgov.api.throttled", Kind.COUNTER,
            "HTTP 429 responses this identity received (each was waited out, Retry-After honoured)", List.of(ORG, IDENTITY));
    public static final DomainMetric API_RETRIES = new DomainMetric("oauthgov.api.retries", Kind.COUNTER,
            "Requests this identity sent again after a 429, a 5xx or a transport failure", List.of(ORG, IDENTITY));
    public static final DomainMetric API_FAILURES = new DomainMetric("oauthgov.api.failures", Kind.COUNTER,
            "Calls that failed for good after their retries", List.of(ORG, IDENTITY));
    public static final DomainMetric API_THROTTLED_WAIT = new DomainMetric("oauthgov.api.throttled.wait.seconds", Kind.COUNTER,
            "Time this identity's calls waited for their turn in the rate budget (pacing, Retry-After, backoff)", List.of(ORG, IDENTITY));
    public static final DomainMetric API_BUDGET = new DomainMetric("oauthgov.api.budget.requests", Kind.GAUGE,
            "Requests per window the rate governor allows this identity (a safety share of the limit the platform reports)",
            List.of(ORG, IDENTITY));
    public static final DomainMetric API_BUDGET_UTILISATION = new DomainMetric("oauthgov.api.budget.utilisation.ratio", Kind.GAUGE,
            "Requests sent in the last window divided by the budget per window (NaN until two scrapes apart)", List.of(ORG, IDENTITY));

    // --- the collector, per org
    public static final DomainMetric SNAPSHOTS = new DomainMetric("oauthgov.snapshots", Kind.COUNTER,
            "Registry snapshots taken, by whether they were verified complete", List.of(ORG, "verified"));
    public static final DomainMetric SNAPSHOT_VERIFIED = new DomainMetric("oauthgov.snapshot.verified", Kind.GAUGE,
            "1 when the org's last snapshot was verified complete, 0 when it was not (nothing of it was trusted)", List.of(ORG));
    public static final DomainMetric SNAPSHOT_AGE = new DomainMetric("oauthgov.snapshot.age.seconds", Kind.GAUGE,
            "Seconds since the org's last verified snapshot completed (NaN before the first)", List.of(ORG));
    public static final DomainMetric SNAPSHOT_CLIENTS = new DomainMetric("oauthgov.snapshot.clients", Kind.GAUGE,
            "OAuth clients in the org's last verified snapshot", List.of(ORG));
    public static final DomainMetric EVIDENCE_COVERAGE_AGE = new DomainMetric("oauthgov.evidence.coverage.age.seconds", Kind.GAUGE,
            "Seconds between now and the end of the org's gap-free evidence coverage of a source (NaN before it was read)",
            List.of(ORG, "source"));
    public static final DomainMetric EVIDENCE_RECORDS = new DomainMetric("oauthgov.evidence.records", Kind.COUNTER,
            "Evidence-of-use records published, by source", List.of(ORG, "source"));
    public static final DomainMetric EVIDENCE_GAPS = new DomainMetric("oauthgov.evidence.gaps", Kind.COUNTER,
            "Evidence intervals that could not be read (coverage not extended; the next run reads them again)",
            List.of(ORG, "source", "reason"));

    // --- the analyzer
    public static final DomainMetric RISK_EVENTS = new DomainMetric("oauthgov.risk.events", Kind.COUNTER,
            "Risk events published for SIEMs, by severity", List.of("severity"));
    public static final DomainMetric CANDIDATES_PROPOSED = new DomainMetric("oauthgov.candidates.proposed", Kind.COUNTER,
            "Deletion candidates this analyzer instance published (a new candidate or a changed fingerprint)", List.of(ORG));
    public static final DomainMetric CANDIDATES_WITHDRAWN = new DomainMetric("oauthgov.candidates.withdrawn", Kind.COUNTER,
            "Deletion candidates this analyzer instance withdrew (tombstoned)", List.of(ORG));
    public static final DomainMetric CANDIDATES_OPEN = new DomainMetric("oauthgov.candidates.open", Kind.GAUGE,
            "Candidates this analyzer instance proposed since it started and has not withdrawn; per instance: sum over"
                    + " instances, and expect it to move on restarts and rebalances (the candidates topic holds the truth)",
            List.of(ORG));
    public static final DomainMetric APPROVALS = new DomainMetric("oauthgov.approvals", Kind.COUNTER,
            "Approvals decided by the gate: result=passed, or the reason it refused them", List.of("result"));

    // --- the analyzer, the gate and the executor
    public static final DomainMetric REJECTIONS = new DomainMetric("oauthgov.rejections", Kind.COUNTER,
            "Records a stage refused and published to governance.rejected, by the refusing stage and the reason",
            List.of("rejected_by", "reason"));

    // --- the executor
    public static final DomainMetric OUTCOMES = new DomainMetric("oauthgov.outcomes", Kind.COUNTER,
            "Outcomes the executor committed, by kind", List.of("kind"));
    public static final DomainMetric QUARANTINE_CLIENTS = new DomainMetric("oauthgov.quarantine.clients", Kind.GAUGE,
            "Clients this executor holds deactivated in quarantine (or about to be), awaiting their delete or restore", List.of());
    public static final DomainMetric EXECUTOR_PARTITIONS = new DomainMetric("oauthgov.executor.owned.partitions", Kind.GAUGE,
            "Partitions of governance.deletions.approved this executor owns (0: another instance has the identities)", List.of());

    public static final List<DomainMetric> ALL = List.of(API_CALLS, API_THROTTLED, API_RETRIES, API_FAILURES, API_THROTTLED_WAIT,
            API_BUDGET, API_BUDGET_UTILISATION, SNAPSHOTS, SNAPSHOT_VERIFIED, SNAPSHOT_AGE, SNAPSHOT_CLIENTS, EVIDENCE_COVERAGE_AGE,
            EVIDENCE_RECORDS, EVIDENCE_GAPS, RISK_EVENTS, CANDIDATES_PROPOSED, CANDIDATES_WITHDRAWN, CANDIDATES_OPEN, APPROVALS,
            REJECTIONS, OUTCOMES, QUARANTINE_CLIENTS, EXECUTOR_PARTITIONS);

    private DomainMetrics() {}

    /** The README's metric table: name, kind, labels, meaning; a test keeps the README in step with this class. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| metric | type | labels | meaning |\n|---|---|---|---|\n");
        for (DomainMetric metric : ALL) {
            table.append("| `").append(metric.prometheusName()).append("` | ").append(metric.kind().name().toLowerCase())
                    .append(" | ").append(metric.tagKeys().isEmpty() ? "" : "`" + String.join("`, `", metric.tagKeys()) + "`")
                    .append(" | ").append(metric.description()).append(" |\n");
        }
        return table.toString();
    }
}
