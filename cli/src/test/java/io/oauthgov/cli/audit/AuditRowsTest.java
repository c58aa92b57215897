package io.oauthgov.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.evaluation.OrgFindings;
import io.oauthgov.analyzer.evaluation.Verdict;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import io.oauthgov.schemas.topics.OrgWide;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditRowsTest {
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant USED = Instant.parse("2026-01-20T00:00:00Z");

    private static OAuthClientSnapshot client(String org, String id, String name) {
        return OAuthClientSnapshot.newBuilder().setOrgId(org).setRegion("local").setSnapshotId("s1").setObservedAt(NOW).setId(id)
                .setName(name).setState("active").setAuthorizedGrantType("CLIENT-CREDENTIALS").setScope(List.of("users:read", "admin:*"))
                .build();
    }

    private static Finding finding(String rule, Severity severity) {
        return Finding.newBuilder().setRuleId(rule).setTitle(rule).setReason(rule + " holds").setSeverity(severity).build();
    }

    private static RiskEvent risk(String org, String id, RiskStatus status, Severity severity, Finding... findings) {
        return RiskEvent.newBuilder().setEventId(org + id + status).setOrgId(org).setClientId(id).setClientName(id).setTime(NOW)
                .setSeverity(severity).setScore(50).setStatus(status).setFindings(List.of(findings)).setPolicyId("default")
                .setPolicyVersion("1").build();
    }

    private static DeletionCandidate candidate(String org, String id) {
        return DeletionCandidate.newBuilder().setCandidateId("cand-" + id).setOrgId(org).setClientId(id).setClientName(id)
                .setFingerprint("f").setReasons(List.of(finding("stale-unused", Severity.MEDIUM))).setStaleSince(NOW)
                .setEligibleAt(NOW).setDecidedAt(NOW).setPolicyId("default").setPolicyVersion("1").build();
    }

    private static Verdict verdict(boolean candidate, String note) {
        return new Verdict(List.of(), USED, NOW, NOW, candidate, note, "f", Severity.INFORMATIONAL, List.of());
    }

    private static IntegrationRecord owner(String org, String id, String owner) {
        return IntegrationRecord.newBuilder().setOrgId(org).setClientId(id).setOwner(owner).setSystem("crm").setUpdatedAt(NOW).build();
    }

    @Test
    void aCandidateShowsTheAnalyzersReasonsAndItsLatestRiskEvent() {
        ClientKey key = new ClientKey("o", "c1");
        AuditRows rows = new AuditRows(Map.of(key, client("o", "c1", "billing")), Map.of(key, owner("o", "c1", "payments")),
                List.of(risk("o", "c1", RiskStatus.NEW, Severity.LOW, finding("unowned", Severity.LOW)),
                        risk("o", "c1", RiskStatus.CHANGED, Severity.HIGH, finding("high-risk-scopes", Severity.HIGH),
                                finding("stale-unused", Severity.MEDIUM))),
                Map.of(key, candidate("o", "c1")), Map.of(key, verdict(true, "stale-unused: stale since …")));

        AuditRow row = rows.rows().get(0);

        assertThat(row.candidate()).isTrue();
        assertThat(row.reason()).isEqualTo("stale-unused: stale-unused holds");
        assertThat(row.severity()).as("the latest event wins").isEqualTo("HIGH");
        assertThat(row.findings()).containsExactly("high-risk-scopes", "stale-unused");
        assertThat(row.owner()).isEqualTo("payments");
        assertThat(row.lastUsedAt()).isEqualTo(USED.toString());
        assertThat(row.scopes()).containsExactly("admin:*", "users:read");
    }

    @Test
    void aClientWhoseFindingsWereResolvedHasNoSeverityAndSaysWhyItIsNoCandidate() {
        ClientKey key = new ClientKey("o", "c1");
        AuditRows rows = new AuditRows(Map.of(key, client("o", "c1", "crm")), Map.of(),
                List.of(risk("o", "c1", RiskStatus.NEW, Severity.HIGH, finding("stale-unused", Severity.HIGH)),
                        risk("o", "c1", RiskStatus.RESOLVED, Severity.INFORMATIONAL)),
                Map.of(), Map.of(key, verdict(false, "in use: last use " + USED)));

        AuditRow row = rows.rows().get(0);

        assertThat(row.severity()).isEqualTo(AuditRow.NO_SEVERITY);
        assertThat(row.findings()).isEmpty();
        assertThat(row.candidate()).isFalse();
        assertThat(row.reason()).startsWith("in use");
        assertThat(row.owner()).isEmpty();
    }

    @Test
    void clientsOfAnOrgWithIncompleteEvidenceSayTheyWereNotJudgedAndWhy() {
        ClientKey key = new ClientKey("o", "c1");
        Finding missing = Finding.newBuilder().setRuleId(OrgFindings.INSUFFICIENT_EVIDENCE).setTitle("t")
                .setReason("USAGE_WINDOW_SHORT: run oauthgov collect --backfill-days 180").setSeverity(Severity.MEDIUM).build();
        AuditRows rows = new AuditRows(Map.of(key, client("o", "c1", "crm")), Map.of(),
                List.of(risk("o", OrgWide.CLIENT_ID, RiskStatus.NEW, Severity.MEDIUM, missing)), Map.of(),
                Map.of(key, verdict(true, "stale-unused: …")));

        assertThat(rows.orgsNotJudged()).containsOnlyKeys("o");
        assertThat(rows.rows()).singleElement().satisfies(row -> {
            assertThat(row.candidate()).isFalse();
            assertThat(row.reason()).startsWith("not judged").contains("USAGE_WINDOW_SHORT");
        });
    }

    @Test
    void whereThePolicyAloneWouldProposeButTheAnalyzerDidNotTheAnalyzersAnswerStandsAndTheReasonSaysSo() {
        ClientKey key = new ClientKey("o", "c1");
        AuditRows rows = new AuditRows(Map.of(key, client("o", "c1", "crm")), Map.of(), List.of(), Map.of(),
                Map.of(key, verdict(true, "never-used: …")));

        assertThat(rows.rows()).singleElement().satisfies(row -> {
            assertThat(row.candidate()).isFalse();
            assertThat(row.reason()).startsWith("not proposed by the analyzer; by the policy alone: never-used");
        });
    }

    @Test
    void rowsAreOrderedByOrgThenName() {
        AuditRows rows = new AuditRows(Map.of(new ClientKey("b", "1"), client("b", "1", "alpha"), new ClientKey("a", "2"),
                client("a", "2", "zulu"), new ClientKey("a", "3"), client("a", "3", "beta")), Map.of(), List.of(), Map.of(), Map.of());

        assertThat(rows.rows()).extracting(AuditRow::clientName).containsExactly("beta", "zulu", "alpha");
    }
}
