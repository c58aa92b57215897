package io.oauthgov.schemas.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.FindingStatus;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The RiskEvent → OCSF mapping field by field; the analyzer's tests validate every emitted event against OCSF's schema. */
class OcsfDetectionFindingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RiskEvent.Builder event() {
        return RiskEvent.newBuilder()
                .setEventId("e-1").setOrgId("org-1").setRegion("us-east-1").setClientId("c-1").setClientName("Payroll")
                .setTime(Instant.ofEpochMilli(1_000)).setSeverity(Severity.HIGH).setScore(80).setStatus(RiskStatus.NEW)
                .setFindings(List.of(new Finding("high-risk-scopes", "High-risk scopes granted", "Granted [admin]",
                        Severity.HIGH, Map.of("scopes", "admin"))))
                .setCandidate(CandidateChange.NONE).setCandidateNote(null).setUsedDomains(List.of("analytics", "routing"))
                .setPolicyId("default").setPolicyVersion("1").setOwner("payroll-team@example.com")
                .setFindingStatus(FindingStatus.NEW);
    }

    private static JsonNode render(RiskEvent event) throws Exception {
        return JSON.readTree(new OcsfJsonSerde().serializer().serialize("governance.risk.ocsf", event));
    }

    @Test
    void riskEventRendersAsAnOcsfDetectionFinding() throws Exception {
        JsonNode json = render(event().build());

        assertThat(json.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(json.get("type_uid").asInt()).isEqualTo(200401);
        assertThat(json.at("/metadata/version").asText()).isEqualTo("1.8.0");
        assertThat(json.at("/metadata/uid").asText()).as("one uid per event").isEqualTo("e-1");
        assertThat(json.get("severity_id").asInt()).isEqualTo(4);
        assertThat(json.get("risk_score").asInt()).isEqualTo(80);
        assertThat(json.get("is_alert").asBoolean()).isTrue();
        assertThat(json.at("/finding_info/types/0").asText()).isEqualTo("high-risk-scopes");
        assertThat(json.at("/finding_info/desc").asText()).isEqualTo("Granted [admin]");
        assertThat(json.at("/cloud/account/uid").asText()).isEqualTo("org-1");
        assertThat(json.at("/resources/0/uid").asText()).isEqualTo("c-1");
        assertThat(json.at("/resources/0/owner/name").asText()).isEqualTo("payroll-team@example.com");
        assertThat(json.at("/resources/0/owner/email_addr").asText()).isEqualTo("payroll-team@example.com");
        assertThat(json.at("/unmapped/findings/0/evidence/scopes").asText()).isEqualTo("admin");
        assertThat(json.at("/unmapped/used_domains/1").asText()).as("the least-privilege suggestion").isEqualTo("routing");
        assertThat(new String(new OcsfJsonSerde().serializer().serialize("t", event().build()), StandardCharsets.UTF_8))
                .doesNotContain("null");
    }

    @Test
    void findingUidIsTheSameForCreateUpdateAndCloseOfOneClientsFindingAndDiffersAcrossClients() throws Exception {
        String created = render(event().build()).at("/finding_info/uid").asText();
        String updated = render(event().setEventId("e-2").setStatus(RiskStatus.CHANGED).setSeverity(Severity.CRITICAL).build())
                .at("/finding_info/uid").asText();
        String closed = render(event().setEventId("e-3").setStatus(RiskStatus.RESOLVED).setFindings(List.of()).build())
                .at("/finding_info/uid").asText();

        assertThat(updated).isEqualTo(created);
        assertThat(closed).isEqualTo(created);
        assertThat(render(event().setClientId("c-2").build()).at("/finding_info/uid").asText()).isNotEqualTo(created);
        assertThat(render(event().setPolicyId("other-rules").build()).at("/finding_info/uid").asText())
                .as("another rule set raises its own finding").isNotEqualTo(created);
    }

    @Test
    void lifecycleMapsToOcsfStatus() throws Exception {
        assertThat(render(event().setFindingStatus(FindingStatus.NEW).build()).get("status").asText()).isEqualTo("New");
        assertThat(render(event().setFindingStatus(FindingStatus.IN_PROGRESS).build()).get("status_id").asInt()).isEqualTo(2);
        assertThat(render(event().setFindingStatus(FindingStatus.SUPPRESSED).build()).get("status_id").asInt()).isEqualTo(3);
        JsonNode resolved = render(event().setStatus(RiskStatus.RESOLVED).setFindingStatus(FindingStatus.RESOLVED).build());
        assertThat(resolved.get("status_id").asInt()).isEqualTo(4);
        assertThat(resolved.get("activity_name").asText()).isEqualTo("Close");
        assertThat(resolved.get("is_alert").asBoolean()).isFalse();
    }

    @Test
    void eventsWrittenBeforeTheLifecycleFieldGetItFromStatusAndCandidate() {
        assertThat(OcsfDetectionFinding.lifecycle(event().setFindingStatus(null).setCandidate(CandidateChange.PROPOSED).build()))
                .isEqualTo(FindingStatus.IN_PROGRESS);
        assertThat(OcsfDetectionFinding.lifecycle(event().setFindingStatus(null).setStatus(RiskStatus.RESOLVED).build()))
                .isEqualTo(FindingStatus.RESOLVED);
        assertThat(OcsfDetectionFinding.lifecycle(event().setFindingStatus(null).build())).isEqualTo(FindingStatus.NEW);
    }

    @Test
    void ownerThatIsNoAddressIsANameOnlyAndNoOwnerNoObject() throws Exception {
        assertThat(render(event().setOwner("Team Payroll").build()).at("/resources/0/owner").has("email_addr")).isFalse();
        assertThat(render(event().setOwner(null).build()).at("/resources/0").has("owner")).isFalse();
    }

    @Test
    void readingTheFeedBackAsRiskEventsSaysToReadJson() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OcsfJsonSerde().deserializer().deserialize("governance.risk.ocsf", new byte[] {'{'}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("UTF-8 JSON");
    }
}
