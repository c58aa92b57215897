package io.oauthgov.cli.approvals.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.avro.Decision;
import io.oauthgov.schemas.signature.BodySignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRequestJsonTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aServiceNowStyleBodyIsReadWithItsExpiry() throws Exception {
        ApprovalRequestJson request = ApprovalRequestJson.parse(utf8("""
                {"candidateId": "org-1/c-1/abc", "fingerprint": "abc", "decision": "reject", "approver": "jane@example.com",
                 "ticket": "CHG0012345", "expiresAt": "2026-12-05T10:00:00Z"}"""), NOW);

        assertThat(request.decision()).isEqualTo(Decision.REJECT);
        assertThat(request.validity(NOW)).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void withoutExpiryAnApprovalIsValidForSevenDays() throws Exception {
        ApprovalRequestJson request = ApprovalRequestJson.parse(utf8("""
                {"candidateId": "c", "fingerprint": "f", "decision": "APPROVE", "approver": "a@example.com", "ticket": "T-1"}"""), NOW);

        assertThat(request.validity(NOW)).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void badJsonMissingFieldsUnknownFieldsAndPastOrFarExpiriesAreRefusedWithWhatToFix() {
        assertThatThrownBy(() -> ApprovalRequestJson.parse(utf8("{\"candidateId\": "), NOW)).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ApprovalRequestJson.parse(utf8("{\"candidateId\": \"c\"}"), NOW)).hasMessageContaining("decision is required");
        assertThatThrownBy(() -> ApprovalRequestJson.parse(utf8("""
                {"candidateId": "c", "fingerprint": "f", "decision": "APPROVE", "approver": "a", "ticket": "t", "comment": "x"}"""), NOW))
                .hasMessageContaining("unknown field 'comment'");
        assertThatThrownBy(() -> ApprovalRequestJson.parse(utf8("""
                {"candidateId": "c", "fingerprint": "f", "decision": "MAYBE", "approver": "a", "ticket": "t"}"""), NOW))
                .hasMessageContaining("APPROVE or REJECT");
        assertThatThrownBy(() -> ApprovalRequestJson.parse(utf8("""
                {"candidateId": "c", "fingerprint": "f", "decision": "APPROVE", "approver": "a", "ticket": "t", "expiresAt": "2026-12-01T00:00:00Z"}"""), NOW))
                .hasMessageContaining("not in the future");
        assertThatThrownBy(() -> ApprovalRequestJson.parse(utf8("""
                {"candidateId": "c", "fingerprint": "f", "decision": "APPROVE", "approver": "a", "ticket": "t", "expiresAt": "2027-06-01T00:00:00Z"}"""), NOW))
                .hasMessageContaining("more than 30 days");
    }

    @Test
    void aRequestIsAuthenticByItsBodySignatureOrTheBearerTokenAndOtherwiseNot() {
        byte[] key = utf8("request-key-0123456789abcdef");
        RequestAuthenticator auth = new RequestAuthenticator(Optional.of(key), Optional.of("token-0123456789abcdef"),
                Clock.fixed(NOW, ZoneOffset.UTC));
        byte[] body = utf8("{}");

        assertThat(auth.problem(null, BodySignature.timestamp(NOW), BodySignature.sign(key, NOW, body), body)).isEmpty();
        assertThat(auth.problem("Bearer token-0123456789abcdef", null, null, body)).isEmpty();
        assertThat(auth.problem("Bearer guessed", null, null, body)).hasValueSatisfying(p -> assertThat(p).contains("bearer token"));
        assertThat(auth.problem(null, BodySignature.timestamp(NOW), BodySignature.sign(key, NOW, body), utf8("{\"x\":1}"))).isPresent();
        assertThat(auth.problem(null, null, null, body)).hasValueSatisfying(p -> assertThat(p).contains("no credentials"));
    }

    @Test
    void anEndpointWithoutAnyCredentialIsRefused() {
        assertThatThrownBy(() -> new RequestAuthenticator(Optional.empty(), Optional.empty(), Clock.systemUTC()))
                .hasMessageContaining("never accepts anonymous approvals");
    }
}
