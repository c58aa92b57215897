package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.ORG;
import static io.oauthgov.analyzer.Fixtures.SNAPSHOT;
import static io.oauthgov.analyzer.Fixtures.approval;
import static io.oauthgov.analyzer.Fixtures.auditUse;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.coverage;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.importMarker;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.removal;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.Fixtures;
import io.oauthgov.analyzer.evaluation.OrgFindings;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceGap;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.schemas.topics.OrgWide;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * Absence of evidence is not evidence of absence: the analyzer judges a client unused only on coverage that spans its
 * stale window, after the org's registry was imported, and once its own collection's evidence has arrived; otherwise
 * it proposes nothing and raises one org-wide insufficient-evidence event naming what is missing.
 */
class EvidenceSufficiencyTopologyTest extends AnalyzerTopologyFixture {

    private AnalyzerDriver start() {
        return startDriver(Fixtures.policyWithoutNoticePeriod());
    }

    /** A never-used client, created 900 days ago: a candidate the moment its evidence suffices. */
    private void neverUsed(String clientId) {
        a.integrations.pipeInput(key(clientId), integration(clientId, false, a.now));
        a.clients.pipeInput(key(clientId), client(clientId, a.now).build());
    }

    private void marker() {
        a.integrations.pipeInput(OrgWide.key(ORG), importMarker(a.now));
    }

    private void fullCoverage(String collectionId) {
        a.activity.pipeInput(OrgWide.key(ORG), coverage(collectionId, a.now.minus(days(400)), a.now, 1_000, a.now));
    }

    private List<RiskEvent> orgEvents(List<KeyValue<ClientKey, RiskEvent>> events) {
        return events.stream().filter(kv -> OrgWide.isOrgWide(kv.key)).map(kv -> kv.value).toList();
    }

    private static List<String> ruleIds(RiskEvent event) {
        return event.getFindings().stream().map(Finding::getRuleId).toList();
    }

    private static boolean judgesUse(RiskEvent event) {
        return event.getFindings().stream().anyMatch(f -> f.getRuleId().equals("never-used") || f.getRuleId().equals("stale-unused"));
    }

    @Test
    void withoutCoverageNothingIsProposedAndOneOrgEventSaysWhatIsMissing() {
        start();
        marker();
        neverUsed("c-1");
        neverUsed("c-2");
        assertThat(a.candidateRecords()).as("the collection's evidence may still be on its way").isEmpty();

        a.advance(Duration.ofMinutes(61));
        a.advance(Duration.ofMinutes(5));

        List<KeyValue<ClientKey, RiskEvent>> events = a.riskEvents();
        assertThat(a.candidateRecords()).isEmpty();
        assertThat(events).noneMatch(kv -> judgesUse(kv.value));
        List<RiskEvent> org = orgEvents(events);
        assertThat(org).as("one event per org, not per client or per evaluation").hasSize(1);
        assertThat(org.get(0).getStatus()).isEqualTo(RiskStatus.NEW);
        assertThat(ruleIds(org.get(0))).containsExactly(OrgFindings.INSUFFICIENT_EVIDENCE);
        assertThat(org.get(0).getFindings().get(0).getReason()).contains("NO_COVERAGE", "oauthgov collect --once");
    }

    @Test
    void snapshotIsJudgedOnlyWithItsOwnCollectionsEvidenceSoABusyClientIsNeverProposed() {
        start();
        marker();
        // The collector's snapshot transaction arrives first: evidence of use is in the next one.
        neverUsed("c-busy");
        assertThat(a.candidateRecords()).isEmpty();
        a.activity.pipeInput(key("c-busy"), usage("c-busy", a.now.minus(days(1)), 500));
        fullCoverage("collection-1");

        assertThat(a.candidateRecords()).as("not even transiently").isEmpty();
        assertThat(a.riskEvents()).noneMatch(kv -> judgesUse(kv.value));
    }

    @Test
    void olderSnapshotWaitsForItsNewerRecordInsteadOfBeingJudgedOnCoverageOfAnotherSnapshot() {
        start();
        marker();
        neverUsed("c-wait");
        // Coverage of a newer snapshot arrives before that snapshot's client record (different partitions).
        a.activity.pipeInput(OrgWide.key(ORG), coverage(EvidenceCoverage.newBuilder().setCollectionId("collection-2")
                .setSnapshotId("snap-2").setSnapshotObservedAt(a.now.plusSeconds(1)).setOrgClients(1_000)
                .setUsageFrom(a.now.minus(days(400))).setUsageThrough(a.now).setAuditFrom(a.now.minus(days(400)))
                .setAuditThrough(a.now).setGaps(List.of()).build(), a.now));
        assertThat(a.candidateRecords()).isEmpty();

        a.clients.pipeInput(key("c-wait"), client("c-wait", a.now.plusSeconds(1)).setSnapshotId("snap-2").build());
        assertThat(a.candidateRecords()).as("judged once its own snapshot and coverage agree").hasSize(1);
        assertThat(a.candidateRecords()).isEmpty();
    }

    @Test
    void snapshotReadFromABacklogWaitsForItsCoverageInsteadOfBeingCalledMissing() {
        start();
        marker();
        // An analyzer catching up: the snapshot was observed long ago, its coverage is a few records behind.
        Instant observed = a.now.minus(days(31));
        a.integrations.pipeInput(key("c-old"), integration("c-old", false, a.now));
        a.clients.pipeInput(key("c-old"), client("c-old", observed).setDateCreated(a.now.minus(days(900))).build());
        a.advance(Duration.ofMinutes(2));
        assertThat(orgEvents(a.riskEvents())).as("the wait counts from when the analyzer got the snapshot").isEmpty();

        a.activity.pipeInput(OrgWide.key(ORG), coverage(EvidenceCoverage.newBuilder().setCollectionId("collection-1")
                .setSnapshotId(SNAPSHOT).setSnapshotObservedAt(observed).setOrgClients(1_000)
                .setUsageFrom(a.now.minus(days(400))).setUsageThrough(a.now).setAuditFrom(a.now.minus(days(400)))
                .setAuditThrough(a.now).setGaps(List.of()).build(), a.now));
        assertThat(a.candidateRecords()).hasSize(1);
        assertThat(orgEvents(a.riskEvents())).isEmpty();
    }

    @Test
    void shortBackfillProposesNothingAndNamesTheBackfillCommand() {
        start();
        marker();
        neverUsed("c-1");
        a.activity.pipeInput(OrgWide.key(ORG), coverage("collection-1", a.now.minus(days(30)), a.now, 1_000, a.now));
        a.advance(Duration.ofMinutes(1));

        assertThat(a.candidateRecords()).isEmpty();
        List<RiskEvent> org = orgEvents(a.riskEvents());
        assertThat(org).hasSize(1);
        assertThat(org.get(0).getFindings().get(0).getReason())
                .contains("USAGE_WINDOW_SHORT", "AUDIT_WINDOW_SHORT", "--backfill-days 180");
    }

    @Test
    void forbiddenUsageQueryIsNamedAndBlocksJudgment() {
        start();
        marker();
        neverUsed("c-1");
        a.activity.pipeInput(OrgWide.key(ORG), coverage(EvidenceCoverage.newBuilder().setCollectionId("collection-1")
                .setSnapshotId(SNAPSHOT).setSnapshotObservedAt(a.now).setOrgClients(1_000)
                .setAuditFrom(a.now.minus(days(400))).setAuditThrough(a.now)
                .setGaps(List.of(EvidenceGap.newBuilder().setSource(EvidenceSource.USAGE).setFrom(a.now.minus(days(180)))
                        .setThrough(a.now).setReason("FORBIDDEN").setDetail("403 missing.any.permissions").build()))
                .build(), a.now));
        a.advance(Duration.ofMinutes(1));

        assertThat(a.candidateRecords()).isEmpty();
        List<RiskEvent> org = orgEvents(a.riskEvents());
        assertThat(org).hasSize(1);
        assertThat(org.get(0).getFindings().get(0).getReason()).contains("USAGE_NOT_COVERED", "FORBIDDEN");
    }

    @Test
    void candidatesAreWithdrawnWhenCoverageFallsBehindAndReturnWhenItCatchesUp() {
        start();
        marker();
        neverUsed("c-1");
        fullCoverage("collection-1");
        assertThat(a.candidateRecords()).hasSize(1);
        a.riskEvents();

        a.advance(days(3)); // no collection for three days: usage is more than 48 h behind
        List<KeyValue<ClientKey, DeletionCandidate>> withdrawn = a.candidateRecords();
        assertThat(withdrawn).hasSize(1);
        assertThat(withdrawn.get(0).value).as("a tombstone withdraws the candidate").isNull();
        List<KeyValue<ClientKey, RiskEvent>> events = a.riskEvents();
        assertThat(orgEvents(events)).hasSize(1);
        assertThat(orgEvents(events).get(0).getFindings().get(0).getReason()).contains("USAGE_BEHIND", "AUDIT_BEHIND");

        fullCoverage("collection-2");
        assertThat(a.candidateRecords()).hasSize(1);
        List<RiskEvent> resolved = orgEvents(a.riskEvents());
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).getStatus()).isEqualTo(RiskStatus.RESOLVED);
    }

    @Test
    void beforeTheFirstRegistryImportNoClientIsProposedOrCalledUnowned() {
        start();
        a.clients.pipeInput(key("c-1"), client("c-1", a.now).build());
        fullCoverage("collection-1");
        a.advance(Duration.ofMinutes(1));

        assertThat(a.candidateRecords()).isEmpty();
        List<KeyValue<ClientKey, RiskEvent>> events = a.riskEvents();
        assertThat(events).noneMatch(kv -> ruleIds(kv.value).contains("unowned"));
        assertThat(orgEvents(events).get(0).getFindings().get(0).getReason())
                .contains("REGISTRY_NOT_IMPORTED", "oauthgov registry import", "registry declare-empty");

        marker();
        assertThat(a.candidateRecords()).as("the import marker makes the org judgeable").hasSize(1);
    }

    @Test
    void tokenGrantsInTheAuditLogAreUse() {
        start();
        marker();
        neverUsed("c-token");
        a.activity.pipeInput(key("c-token"), auditUse("c-token", a.now.minus(days(2))));
        fullCoverage("collection-1");

        assertThat(a.candidateRecords()).isEmpty();
    }

    @Test
    void approvalWhileTheLatestCollectionsEvidenceIsPendingIsRejectedInsufficientEvidence() {
        start();
        marker();
        neverUsed("c-1");
        fullCoverage("collection-1");
        DeletionCandidate candidate = a.candidateRecords().get(0).value;
        // A new collection's snapshot arrives; its evidence has not.
        a.clients.pipeInput(key("c-1"), client("c-1", a.now).setSnapshotId("snap-2").build());

        a.approvals.pipeInput(key("c-1"), approval("appr-1", "c-1", candidate.getCandidateId(), candidate.getFingerprint(), a.now).build());

        assertThat(a.approvedDeletions()).isEmpty();
        assertThat(a.rejections()).extracting(kv -> kv.value.getReason()).containsExactly(RejectionReason.INSUFFICIENT_EVIDENCE);
    }

    @Test
    void bareTombstoneOnTheRegistryIsRefusedAndTheProtectionStays() {
        start();
        marker();
        a.integrations.pipeInput(key("c-prot"), integration("c-prot", true, a.now));
        a.clients.pipeInput(key("c-prot"), client("c-prot", a.now).build());
        fullCoverage("collection-1");
        a.integrations.pipeInput(key("c-prot"), (IntegrationRecord) null);

        assertThat(a.rejections()).extracting(kv -> kv.value.getReason()).containsExactly(RejectionReason.BARE_TOMBSTONE);
        assertThat(a.candidateRecords()).as("still protected").isEmpty();
        assertThat(a.<IntegrationRecord>store(GovernanceTopology.INTEGRATIONS_STORE).get(key("c-prot")).getProtected$()).isTrue();

        a.integrations.pipeInput(key("c-prot"), removal("c-prot", a.now));
        assertThat(a.candidateRecords()).as("an explicit removal lifts the protection").hasSize(1);
    }

    @Test
    void coverageKeyedByAClientIsRejectedMalformed() {
        start();
        a.activity.pipeInput(key("c-1"), coverage("collection-1", a.now.minus(days(400)), a.now, 10, a.now));
        assertThat(a.rejections()).extracting(kv -> kv.value.getReason()).containsExactly(RejectionReason.MALFORMED);
    }
}
