package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.approval;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.Fixtures;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evidence for {@code max.task.idle.ms=-1} (AnalyzerApp): the analyzer's safety must not depend on the order in
 * which a task takes records from its co-partitioned input topics. With -1 a task processes whatever its partitions
 * have buffered, without waiting for an empty partition to fetch; the test driver processes records in exactly the
 * order they are piped, so each test pipes the orders -1 (or a collector's still-open transaction, which no setting
 * can wait for) may produce and checks that none of them leads to an unsafe deletion: a change that reaches the gate
 * first refuses the approval; an approval that reaches the gate first passes only with the judged snapshot, against
 * which the executor's live re-check catches the change (CONFLICT_SKIPPED, IN_USE, BLOCKED_PROTECTED,
 * ALREADY_ABSENT), and the analyzer withdraws the candidate, so the approval can never pass again.
 */
class CrossTopicOrderingTopologyTest extends AnalyzerTopologyFixture {

    private AnalyzerDriver start() {
        return startDriver(Fixtures.policyWithoutNoticePeriod()).collected();
    }

    /** An owned client unused for 200 days: proposed at once. Returns its candidate. */
    private DeletionCandidate proposed(String clientId) {
        a.integrations.pipeInput(key(clientId), integration(clientId, false, a.now));
        a.activity.pipeInput(key(clientId), usage(clientId, a.now.minus(days(200)), 10));
        a.clients.pipeInput(key(clientId), client(clientId, a.now).build());
        List<KeyValue<io.oauthgov.avro.ClientKey, DeletionCandidate>> candidates = a.candidateRecords();
        assertThat(candidates).as("a client stale past its grace period is proposed once").hasSize(1);
        a.riskEvents();
        return candidates.get(0).value;
    }

    private Approval approvalOf(DeletionCandidate candidate, String approvalId) {
        return approval(approvalId, candidate.getClientId(), candidate.getCandidateId(), candidate.getFingerprint(), a.now).build();
    }

    /** Something written after the candidate was proposed and before the approval, that makes deleting it wrong. */
    enum Change {
        USED_AGAIN, EDITED, PROTECTED, DELETED;

        /** Pipes the change onto its own topic (activity, clients or integrations), an hour after the judgement. */
        void pipe(AnalyzerDriver a, String clientId) {
            switch (this) {
                case USED_AGAIN -> a.activity.pipeInput(key(clientId), usedAgain(a, clientId));
                case EDITED -> a.clients.pipeInput(key(clientId), edited(a, clientId));
                case PROTECTED -> a.integrations.pipeInput(key(clientId), integration(clientId, true, a.now.plusSeconds(3600)));
                case DELETED -> a.clients.pipeInput(key(clientId), null);
            }
        }

        static ActivityEvidence usedAgain(AnalyzerDriver a, String clientId) {
            return usage(clientId, a.now.plusSeconds(3600), 7);
        }

        static OAuthClientSnapshot edited(AnalyzerDriver a, String clientId) {
            return client(clientId, a.now.plusSeconds(3600)).setScope(List.of("analytics", "routing")).build();
        }
    }

    static Stream<Arguments> changes() {
        return Stream.of(Change.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} before the approval")
    @MethodSource("changes")
    void aChangeTheGateSeesFirstRefusesTheApproval(Change change) {
        start();
        DeletionCandidate candidate = proposed("c-1");
        Approval approval = approvalOf(candidate, "appr-1");

        change.pipe(a, "c-1");
        a.approvals.pipeInput(key("c-1"), approval);

        assertThat(a.approvedDeletions()).as("nothing reaches the executor after " + change).isEmpty();
        assertThat(a.rejections()).singleElement().satisfies(r -> assertThat(r.value.getReason())
                .isIn(RejectionReason.STALE_FINGERPRINT, RejectionReason.UNKNOWN_CANDIDATE, RejectionReason.PROTECTED));
    }

    @ParameterizedTest(name = "{0} after the approval")
    @MethodSource("changes")
    void aChangeTheGateSeesLateLeavesTheExecutorWhatItNeedsToRefuseAndWithdrawsTheCandidate(Change change) {
        start();
        DeletionCandidate candidate = proposed("c-1");
        OAuthClientSnapshot judgedByTheGate = a.<OAuthClientSnapshot>store(GovernanceTopology.CLIENTS_STORE).get(key("c-1"));
        Approval approval = approvalOf(candidate, "appr-1");

        a.approvals.pipeInput(key("c-1"), approval);
        change.pipe(a, "c-1");

        List<KeyValue<io.oauthgov.avro.ApiIdentityKey, ApprovedDeletion>> passed = a.approvedDeletions();
        assertThat(passed).as("the state the gate judged was consistent: the approval passes once").hasSize(1);
        ApprovedDeletion deletion = passed.get(0).value;
        assertThat(deletion.getJudged()).as("the executor re-checks against what the gate judged, not against now").isEqualTo(judgedByTheGate);
        switch (change) {
            // ExecutorWork's live re-read: any differing field is CONFLICT_SKIPPED
            case EDITED -> assertThat(ClientFingerprint.differingFields(deletion.getJudged(), Change.edited(a, "c-1"))).isNotEmpty();
            // the executor's use check counts evidence from the judged snapshot's day on: IN_USE
            case USED_AGAIN -> assertThat(Change.usedAgain(a, "c-1").getEventAt()).isAfterOrEqualTo(deletion.getJudged().getObservedAt());
            // the executor reads governance.integrations itself (BLOCKED_PROTECTED) and re-reads the client (ALREADY_ABSENT)
            case PROTECTED, DELETED -> { }
        }
        assertThat(a.candidateRecords()).as("the late change withdraws or replaces the candidate").singleElement()
                .satisfies(record -> assertThat(record.value == null || !record.value.getCandidateId().equals(candidate.getCandidateId())).isTrue());

        a.approvals.pipeInput(key("c-1"), approvalOf(candidate, "appr-2"));

        assertThat(a.approvedDeletions()).as("the same approval sent again after the change never passes").isEmpty();
    }

    @Test
    void anApprovalTheGateSeesBeforeItsCandidateIsRefusedAndNeverPassesLater() throws Exception {
        // a first analyzer proposes the client, so the approval quotes the very candidate id and fingerprint
        start();
        Approval early = approvalOf(proposed("c-2"), "appr-early");
        a.close();
        // a second one, with the same inputs, sees that approval before the client's snapshot (a replay, or an
        // approval system faster than the collector's transaction)
        a = new AnalyzerDriver(Fixtures.policyWithoutNoticePeriod(), settings().build(), START,
                java.nio.file.Files.createDirectories(stateDir.resolve("second"))).collected();

        a.approvals.pipeInput(key("c-2"), early);
        DeletionCandidate proposedLater = proposed("c-2");

        assertThat(proposedLater.getCandidateId()).as("the same candidate as the approval quotes").isEqualTo(early.getCandidateId());
        assertThat(a.rejections()).singleElement().satisfies(r -> assertThat(r.value.getReason()).isEqualTo(RejectionReason.UNKNOWN_CANDIDATE));
        assertThat(a.approvedDeletions()).as("a refused approval is not kept for the candidate that comes later").isEmpty();
    }

    @Test
    void theAnalyzerTakesRecordsAsTheyArriveWithoutIdlingForEmptyPartitions() {
        Properties props = AnalyzerApp.streamsProperties(AnalyzerApp.Config.builder("localhost:9092")
                .schemaRegistryUrl("http://localhost:8081").stateDir(stateDir).build());

        assertThat(props.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }
}
