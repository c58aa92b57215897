package io.oauthgov.cli.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.schemas.approval.ApprovalSignature;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRequestsTest {
    private static final byte[] KEY = "a-shared-approval-key-of-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456Z");
    private static final ApprovalRequests.Terms APPROVE_FOR_A_WEEK =
            new ApprovalRequests.Terms(Decision.APPROVE, " alice@example.test ", "CHG-1", Duration.ofDays(7), null);

    static DeletionCandidate candidate(String orgId, String clientId, String fingerprint) {
        return DeletionCandidate.newBuilder()
                .setCandidateId("cand-" + clientId).setOrgId(orgId).setClientId(clientId).setClientName("Payroll export " + clientId)
                .setFingerprint(fingerprint)
                .setReasons(List.of(Finding.newBuilder().setRuleId("stale-unused").setTitle("Stale").setReason("unused for 200 days")
                        .setSeverity(Severity.MEDIUM).setEvidence(Map.of()).build()))
                .setLastUsedAt(NOW.minus(Duration.ofDays(200))).setStaleSince(NOW.minus(Duration.ofDays(20)))
                .setEligibleAt(NOW.minus(Duration.ofDays(6))).setDecidedAt(NOW.minus(Duration.ofDays(1)))
                .setPolicyId("default").setPolicyVersion("1").build();
    }

    @Test
    void anApprovalQuotesTheCandidatesIdentityAndCurrentFingerprint() {
        Approval approval = ApprovalRequests.create(candidate("org-1", "c-1", "f00d"), APPROVE_FOR_A_WEEK, NOW, Optional.of(KEY));

        assertThat(approval.getCandidateId()).isEqualTo("cand-c-1");
        assertThat(approval.getOrgId()).isEqualTo("org-1");
        assertThat(approval.getClientId()).isEqualTo("c-1");
        assertThat(approval.getFingerprint()).isEqualTo("f00d");
        assertThat(approval.getDecision()).isEqualTo(Decision.APPROVE);
        assertThat(approval.getApprover()).as("trimmed").isEqualTo("alice@example.test");
        assertThat(approval.getTicketRef()).isEqualTo("CHG-1");
        assertThat(approval.getSource()).isEqualTo(ApprovalRequests.DEFAULT_SOURCE);
        assertThat(approval.getApprovalId()).isNotBlank();
    }

    @Test
    void itExpiresAfterTheValidityCountedFromApprovalInMilliseconds() {
        Approval approval = ApprovalRequests.create(candidate("org-1", "c-1", "f00d"), APPROVE_FOR_A_WEEK, NOW, Optional.of(KEY));

        assertThat(approval.getApprovedAt()).as("the topic stores milliseconds").isEqualTo(Instant.parse("2026-03-01T10:15:30.123Z"));
        assertThat(approval.getExpiresAt()).isEqualTo(approval.getApprovedAt().plus(Duration.ofDays(7)));
    }

    @Test
    void aSignedApprovalVerifiesWithTheSameKeyAndNotWithAnother() {
        Approval approval = ApprovalRequests.create(candidate("org-1", "c-1", "f00d"), APPROVE_FOR_A_WEEK, NOW, Optional.of(KEY));

        assertThat(ApprovalSignature.verify(KEY, approval)).isTrue();
        assertThat(ApprovalSignature.verify("another-key-of-sixteen-bytes".getBytes(StandardCharsets.UTF_8), approval)).isFalse();
    }

    @Test
    void changingASignedFieldBreaksTheSignature() {
        Approval approval = ApprovalRequests.create(candidate("org-1", "c-1", "f00d"), APPROVE_FOR_A_WEEK, NOW, Optional.of(KEY));
        approval.setFingerprint("beef");

        assertThat(ApprovalSignature.verify(KEY, approval)).isFalse();
    }

    @Test
    void withoutAKeyTheApprovalIsUnsigned() {
        Approval approval = ApprovalRequests.create(candidate("org-1", "c-1", "f00d"), APPROVE_FOR_A_WEEK, NOW, Optional.empty());

        assertThat(approval.getSignature()).isNull();
    }

    @Test
    void everyApprovalGetsItsOwnId() {
        DeletionCandidate candidate = candidate("org-1", "c-1", "f00d");

        assertThat(ApprovalRequests.create(candidate, APPROVE_FOR_A_WEEK, NOW, Optional.empty()).getApprovalId())
                .isNotEqualTo(ApprovalRequests.create(candidate, APPROVE_FOR_A_WEEK, NOW, Optional.empty()).getApprovalId());
    }

    @Test
    void termsRefuseAMissingApproverAndANonPositiveValidity() {
        assertThatThrownBy(() -> new ApprovalRequests.Terms(Decision.REJECT, " ", "CHG-1", Duration.ofDays(1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approver");
        assertThatThrownBy(() -> new ApprovalRequests.Terms(Decision.REJECT, "bob", "CHG-1", Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
