package io.oauthgov.analyzer.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OcsfDetectionFindingTest {

    @Test
    void riskEventRendersAsAnOcsfDetectionFinding() throws Exception {
        RiskEvent event = RiskEvent.newBuilder()
                .setEventId("e-1").setOrgId("org-1").setRegion("us-east-1").setClientId("c-1").setClientName("Payroll")
                .setTime(Instant.ofEpochMilli(1_000)).setSeverity(Severity.HIGH).setScore(80).setStatus(RiskStatus.NEW)
                .setFindings(List.of(new Finding("high-risk-scopes", "High-risk scopes granted", "Granted [admin]",
                        Severity.HIGH, Map.of("scopes", "admin"))))
                .setCandidate(CandidateChange.NONE).setCandidateNote(null).setUsedDomains(List.of("analytics", "routing"))
                .setPolicyId("default").setPolicyVersion("1").build();

        JsonNode json = new ObjectMapper().readTree(new OcsfJsonSerializer().serialize("t", event));

        assertThat(json.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(json.get("type_uid").asInt()).isEqualTo(200401);
        assertThat(json.get("severity_id").asInt()).isEqualTo(4);
        assertThat(json.get("risk_score").asInt()).isEqualTo(80);
        assertThat(json.at("/finding_info/uid").asText()).isEqualTo("e-1");
        assertThat(json.at("/finding_info/types/0").asText()).isEqualTo("high-risk-scopes");
        assertThat(json.at("/cloud/account/uid").asText()).isEqualTo("org-1");
        assertThat(json.at("/resources/0/uid").asText()).isEqualTo("c-1");
        assertThat(json.at("/unmapped/findings/0/evidence/scopes").asText()).isEqualTo("admin");
        assertThat(json.at("/unmapped/policy_version").asText()).isEqualTo("1");
        assertThat(json.at("/unmapped/used_domains/1").asText()).as("the least-privilege suggestion").isEqualTo("routing");
        assertThat(new String(new OcsfJsonSerializer().serialize("t", event), StandardCharsets.UTF_8)).doesNotContain("null");
    }
}
