package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.HMAC_KEY;
import static io.oauthgov.analyzer.Fixtures.ORG;
import static io.oauthgov.analyzer.Fixtures.approval;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.signed;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oauthgov.analyzer.metrics.AnalyzerMetrics;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.metrics.DomainMetric;
import io.oauthgov.metrics.DomainMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analyzer's domain metrics follow what the topology sends to its sinks. */
class AnalyzerMetricsTest extends AnalyzerTopologyFixture {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        startDriver(Fixtures.policyWithoutNoticePeriod(), settings().hmacKey(HMAC_KEY).build(), new AnalyzerMetrics(registry)).collected();
    }

    @Test
    void countsCandidatesProposedAndWithdrawnAndHoldsTheOpenOnesPerOrg() {
        propose("c-1");
        propose("c-2");

        a.activity.pipeInput(key("c-2"), usage("c-2", a.now.minusSeconds(60), 3)); // used again: withdrawn

        assertThat(count(DomainMetrics.CANDIDATES_PROPOSED, "org", ORG)).isEqualTo(2);
        assertThat(count(DomainMetrics.CANDIDATES_WITHDRAWN, "org", ORG)).isEqualTo(1);
        assertThat(registry.get(DomainMetrics.CANDIDATES_OPEN.name()).tag("org", ORG).gauge().value()).isEqualTo(1);
        assertThat(registry.get(DomainMetrics.RISK_EVENTS.name()).counters()).as("risk events by severity")
                .isNotEmpty().allSatisfy(c -> assertThat(c.getId().getTag("severity")).isNotBlank());
    }

    @Test
    void countsApprovalsByGateResultAndRejectionsByStageAndReason() {
        DeletionCandidate first = propose("c-ok");
        DeletionCandidate second = propose("c-tampered");
        Approval tampered = signed(approvalOf(second, "appr-2"));
        tampered.setExpiresAt(tampered.getExpiresAt().plus(days(30))); // changed after signing

        a.approvals.pipeInput(key("c-ok"), signed(approvalOf(first, "appr-1")));
        a.approvals.pipeInput(key("c-tampered"), tampered);

        assertThat(count(DomainMetrics.APPROVALS, "result", AnalyzerMetrics.PASSED)).isEqualTo(1);
        assertThat(count(DomainMetrics.APPROVALS, "result", "BAD_SIGNATURE")).isEqualTo(1);
        assertThat(registry.get(DomainMetrics.REJECTIONS.name()).tag("rejected_by", "APPROVAL_GATE").tag("reason", "BAD_SIGNATURE")
                .counter().count()).isEqualTo(1);
    }

    private DeletionCandidate propose(String clientId) {
        a.integrations.pipeInput(key(clientId), integration(clientId, false, a.now));
        a.activity.pipeInput(key(clientId), usage(clientId, a.now.minus(days(200)), 10));
        a.clients.pipeInput(key(clientId), client(clientId, a.now).build());
        return a.candidateRecords().get(0).value;
    }

    private Approval approvalOf(DeletionCandidate candidate, String approvalId) {
        return approval(approvalId, candidate.getClientId(), candidate.getCandidateId(), candidate.getFingerprint(), a.now).build();
    }

    private double count(DomainMetric metric, String tag, String value) {
        return registry.get(metric.name()).tag(tag, value).counter().count();
    }
}
