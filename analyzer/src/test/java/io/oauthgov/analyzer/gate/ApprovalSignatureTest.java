package io.oauthgov.analyzer.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.Fixtures;
import io.oauthgov.avro.Approval;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApprovalSignatureTest {
    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void canonicalFormIsTheDocumentedPipeSeparatedFields() {
        Approval approval = Fixtures.approval("a-1", "c-1", "org-1/c-1/abc", "f00d", AT).build();

        assertThat(ApprovalSignature.canonical(approval)).isEqualTo(
                "a-1|org-1/c-1/abc|org-1|c-1|f00d|APPROVE|alice@example.test|" + AT.toEpochMilli() + "|"
                        + AT.plusSeconds(86_400).toEpochMilli());
    }

    @Test
    void signatureVerifiesOnlyWithTheSameKeyAndFields() {
        Approval approval = Fixtures.signed(Fixtures.approval("a-1", "c-1", "cand", "f00d", AT).build());

        assertThat(ApprovalSignature.verify(Fixtures.HMAC_KEY, approval)).isTrue();
        assertThat(ApprovalSignature.verify("another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8), approval)).isFalse();
        approval.setApprover("mallory@example.test");
        assertThat(ApprovalSignature.verify(Fixtures.HMAC_KEY, approval)).isFalse();
        approval.setSignature("not hex");
        assertThat(ApprovalSignature.verify(Fixtures.HMAC_KEY, approval)).isFalse();
    }
}
