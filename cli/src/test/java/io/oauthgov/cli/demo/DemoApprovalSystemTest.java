package io.oauthgov.cli.demo;

import static io.oauthgov.cli.demo.DemoApprovalSystem.APPROVE;
import static io.oauthgov.cli.demo.DemoApprovalSystem.EXPIRED;
import static io.oauthgov.cli.demo.DemoApprovalSystem.FORGED;
import static io.oauthgov.cli.demo.DemoApprovalSystem.REJECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.schemas.approval.ApprovalSignature;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoApprovalSystemTest {
    private static final byte[] KEY = "the-analyzers-approval-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String APPROVER = "demo-approver@oauthgov.test";
    private static final List<DeletionCandidate> CANDIDATES = IntStream.range(0, 50)
            .mapToObj(i -> candidate(String.format("client-%02d", i))).toList();

    private static DeletionCandidate candidate(String clientId) {
        return DeletionCandidate.newBuilder()
                .setCandidateId("cand-" + clientId).setOrgId("org-1").setClientId(clientId).setClientName("Client " + clientId)
                .setFingerprint("fp-" + clientId).setReasons(List.of()).setLastUsedAt(null)
                .setStaleSince(NOW.minus(Duration.ofDays(30))).setEligibleAt(NOW.minus(Duration.ofDays(16)))
                .setDecidedAt(NOW.minus(Duration.ofHours(1))).setPolicyId("default").setPolicyVersion("1").build();
    }

    private static DemoApprovalSystem.Decisions decide(List<DeletionCandidate> candidates, long seed) {
        return DemoApprovalSystem.decide(candidates, DemoApprovalSystem.Plan.defaults(), APPROVER, KEY, NOW, seed);
    }

    private static List<Approval> withIntent(DemoApprovalSystem.Decisions decisions, String intent) {
        return decisions.approvals().stream().filter(a -> decisions.intentByApprovalId().get(a.getApprovalId()).equals(intent)).toList();
    }

    @Test
    void theDefaultPlanApprovesEightyPercentRejectsThreeAndAddsOneExpiredAndOneForged() {
        DemoApprovalSystem.Decisions decisions = decide(CANDIDATES, 42);

        assertThat(decisions.count(APPROVE)).isEqualTo(40);
        assertThat(decisions.count(REJECT)).isEqualTo(3);
        assertThat(decisions.count(EXPIRED)).isEqualTo(1);
        assertThat(decisions.count(FORGED)).isEqualTo(1);
        assertThat(decisions.approvals()).hasSize(45);
        assertThat(withIntent(decisions, REJECT)).allSatisfy(a -> assertThat(a.getDecision()).isEqualTo(Decision.REJECT));
        assertThat(withIntent(decisions, EXPIRED)).allSatisfy(a -> assertThat(a.getDecision()).isEqualTo(Decision.APPROVE));
        assertThat(withIntent(decisions, FORGED)).allSatisfy(a -> assertThat(a.getDecision()).isEqualTo(Decision.APPROVE));
    }

    @Test
    void everyCandidateIsDecidedAtMostOnceAndTheRestStayUndecided() {
        DemoApprovalSystem.Decisions decisions = decide(CANDIDATES, 42);

        List<String> decided = decisions.approvals().stream().map(Approval::getClientId).toList();
        assertThat(decided).doesNotHaveDuplicates();
        assertThat(CANDIDATES.size() - decided.size()).as("undecided").isEqualTo(5);
    }

    @Test
    void eachApprovalQuotesItsCandidatesIdAndFingerprintAndNamesTheApprover() {
        Map<String, DeletionCandidate> byClient = CANDIDATES.stream().collect(Collectors.toMap(DeletionCandidate::getClientId, Function.identity()));

        assertThat(decide(CANDIDATES, 42).approvals()).allSatisfy(a -> {
            assertThat(a.getCandidateId()).isEqualTo(byClient.get(a.getClientId()).getCandidateId());
            assertThat(a.getFingerprint()).isEqualTo(byClient.get(a.getClientId()).getFingerprint());
            assertThat(a.getApprover()).isEqualTo(APPROVER);
            assertThat(a.getTicketRef()).startsWith("DEMO-");
        });
    }

    @Test
    void onlyTheForgedApprovalFailsVerificationWithTheAnalyzersKey() {
        DemoApprovalSystem.Decisions decisions = decide(CANDIDATES, 42);

        assertThat(withIntent(decisions, FORGED)).singleElement().satisfies(a -> {
            assertThat(a.getSignature()).isNotBlank();
            assertThat(ApprovalSignature.verify(KEY, a)).isFalse();
        });
        assertThat(decisions.approvals()).filteredOn(a -> !decisions.intentByApprovalId().get(a.getApprovalId()).equals(FORGED))
                .hasSize(44).allSatisfy(a -> assertThat(ApprovalSignature.verify(KEY, a)).as(a.getClientId()).isTrue());
    }

    @Test
    void theExpiredApprovalHasExpiredBeforeNowAndTheOthersAreValidForADay() {
        DemoApprovalSystem.Decisions decisions = decide(CANDIDATES, 42);

        assertThat(withIntent(decisions, EXPIRED)).singleElement().satisfies(a -> {
            assertThat(a.getExpiresAt()).isBefore(NOW);
            assertThat(a.getApprovedAt()).isBefore(a.getExpiresAt());
        });
        assertThat(decisions.approvals()).filteredOn(a -> !decisions.intentByApprovalId().get(a.getApprovalId()).equals(EXPIRED))
                .allSatisfy(a -> {
                    assertThat(a.getApprovedAt()).isEqualTo(NOW);
                    assertThat(a.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
                });
    }

    @Test
    void theSameSeedGivesTheSameDecisionsWhateverTheInputOrder() {
        List<DeletionCandidate> reversed = new ArrayList<>(CANDIDATES);
        Collections.reverse(reversed);

        assertThat(decide(reversed, 7)).isEqualTo(decide(CANDIDATES, 7));
    }

    @Test
    void anotherSeedDecidesInAnotherOrder() {
        assertThat(clientsInOrder(decide(CANDIDATES, 7))).isNotEqualTo(clientsInOrder(decide(CANDIDATES, 8)));
    }

    @Test
    void withFewCandidatesApprovalsShrinkSoTheGateStillHasARejectionAnExpiredAndAForgedApprovalToRefuse() {
        DemoApprovalSystem.Decisions decisions = decide(CANDIDATES.subList(0, 10), 42);

        assertThat(decisions.count(APPROVE)).isEqualTo(5);
        assertThat(decisions.count(REJECT)).isEqualTo(3);
        assertThat(decisions.count(EXPIRED)).isEqualTo(1);
        assertThat(decisions.count(FORGED)).isEqualTo(1);
    }

    @Test
    void withFewerCandidatesThanRefusalsNothingIsApproved() {
        DemoApprovalSystem.Decisions decisions = decide(CANDIDATES.subList(0, 4), 42);

        assertThat(decisions.count(APPROVE)).isZero();
        assertThat(decisions.approvals()).hasSize(4);
    }

    @Test
    void noCandidatesMeansNoDecisions() {
        assertThat(decide(List.of(), 42).approvals()).isEmpty();
    }

    private static List<String> clientsInOrder(DemoApprovalSystem.Decisions decisions) {
        return decisions.approvals().stream().map(Approval::getClientId).toList();
    }
}
