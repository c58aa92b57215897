package io.oauthgov.schemas.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.Approval;
import io.oauthgov.avro.Decision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApprovalSignatureTest {
    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");
    private static final byte[] KEY = "0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8);

    private static Approval approval(String approvalId, String clientId, String candidateId, String fingerprint) {
        return Approval.newBuilder()
                .setApprovalId(approvalId).setCandidateId(candidateId).setOrgId("org-1").setClientId(clientId)
                .setFingerprint(fingerprint).setDecision(Decision.APPROVE).setApprover("alice@example.test")
                .setApprovedAt(AT).setExpiresAt(AT.plusSeconds(86_400)).setTicketRef("CHG-1").setSource("test").build();
    }

    @Test
    void canonicalFormIsTheDocumentedPipeSeparatedFields() {
        Approval approval = approval("a-1", "c-1", "org-1/c-1/abc", "f00d");

        assertThat(ApprovalSignature.canonical(approval)).isEqualTo(
                "a-1|org-1/c-1/abc|org-1|c-1|f00d|APPROVE|alice@example.test|" + AT.toEpochMilli() + "|"
                        + AT.plusSeconds(86_400).toEpochMilli());
    }

    @Test
    void signatureVerifiesOnlyWithTheSameKeyAndFields() {
        Approval approval = approval("a-1", "c-1", "cand", "f00d");
        approval.setSignature(ApprovalSignature.sign(KEY, approval));

        assertThat(ApprovalSignature.verify(KEY, approval)).isTrue();
        assertThat(ApprovalSignature.verify("another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8), approval)).isFalse();
        approval.setApprover("mallory@example.test");
        assertThat(ApprovalSignature.verify(KEY, approval)).isFalse();
        approval.setSignature("not hex");
        assertThat(ApprovalSignature.verify(KEY, approval)).isFalse();
    }
}
