package io.oauthgov.analyzer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.FindingStatus;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import io.oauthgov.schemas.siem.OcsfDetectionFinding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema check that guards the feed refuses what is not a Detection Finding, so a passing feed test means something. */
class OcsfSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode rendered() {
        return OcsfDetectionFinding.toOcsf(RiskEvent.newBuilder()
                .setEventId("e-1").setOrgId("org-1").setRegion("us-east-1").setClientId("c-1").setClientName("Payroll")
                .setTime(Instant.ofEpochMilli(1_000)).setSeverity(Severity.HIGH).setScore(80).setStatus(RiskStatus.NEW)
                .setFindings(List.of(new Finding("stale-unused", "Unused", "No use in 180 days", Severity.HIGH, Map.of())))
                .setCandidate(CandidateChange.NONE).setPolicyId("default").setPolicyVersion("1")
                .setOwner("payroll@example.com").setFindingStatus(FindingStatus.NEW).build());
    }

    @Test
    void renderedEventIsAValidDetectionFinding() {
        assertThat(OcsfSchema.problems(rendered().toString())).isEmpty();
    }

    @Test
    void schemaRefusesAMissingFindingInfoAnUnknownStatusAnInventedAttributeAndAMistypedOwner() throws Exception {
        ObjectNode noInfo = rendered();
        noInfo.remove("finding_info");
        ObjectNode badStatus = rendered().put("status_id", 7);
        ObjectNode invented = rendered().put("oauth_client_secret_age", 3);
        ObjectNode ownerAsText = rendered();
        ((ObjectNode) ownerAsText.withArray("resources").get(0)).put("owner", "payroll");

        assertThat(OcsfSchema.problems(noInfo.toString())).anySatisfy(p -> assertThat(p).contains("finding_info"));
        assertThat(OcsfSchema.problems(badStatus.toString())).anySatisfy(p -> assertThat(p).contains("status_id"));
        assertThat(OcsfSchema.problems(invented.toString())).anySatisfy(p -> assertThat(p).contains("oauth_client_secret_age"));
        assertThat(OcsfSchema.problems(ownerAsText.toString())).anySatisfy(p -> assertThat(p).contains("owner"));
        assertThat(OcsfSchema.problems(JSON.writeValueAsString("not an object"))).isNotEmpty();
    }
}
