package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.approval;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.RiskEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code governance.risk.ocsf}: every risk event again, as a valid OCSF 1.8.0 Detection Finding (the driver validates
 * each one against OCSF's JSON Schema), keyed as on {@code governance.risk}, one finding uid from Create to Close, and
 * the candidate → approver → deletion lifecycle as OCSF status.
 */
class OcsfFeedTopologyTest extends AnalyzerTopologyFixture {
    private final List<KeyValue<ClientKey, RiskEvent>> risk = new ArrayList<>();
    private final List<KeyValue<ClientKey, JsonNode>> ocsf = new ArrayList<>();

    @BeforeEach
    void start() {
        startDriver(PolicyLoader.loadDefault()).collected();
    }

    /** Reads what both topics received since the last call; the feed's events are schema-checked on the way. */
    private void drain() {
        risk.addAll(a.riskEvents());
        ocsf.addAll(a.ocsfEvents());
    }

    @Test
    void oneFindingFromCreateThroughProposalAndRejectionToCloseKeepsItsUidAndMovesThroughTheLifecycle() {
        a.integrations.pipeInput(key("c-life"), integration("c-life", false, a.now));
        a.activity.pipeInput(key("c-life"), usage("c-life", a.now.minus(days(190)), 10));
        a.clients.pipeInput(key("c-life"), client("c-life", a.now).build()); // stale, inside its grace period
        drain();
        a.advance(days(5)); // the grace period ends: proposed for deletion
        DeletionCandidate candidate = a.candidateRecords().get(0).value;
        drain();
        Approval reject = Approval.newBuilder(approval("appr-1", "c-life", candidate.getCandidateId(), candidate.getFingerprint(),
                a.now).build()).setDecision(Decision.REJECT).build();
        a.approvals.pipeInput(key("c-life"), reject); // an approver says no: snoozed
        drain();
        a.clients.pipeInput(key("c-life"), null); // gone from a verified snapshot
        drain();

        assertThat(ocsf).as("one OCSF event per risk event, same keys, same order").hasSameSizeAs(risk);
        assertThat(ocsf).extracting(kv -> kv.key).containsExactlyElementsOf(risk.stream().map(kv -> kv.key).toList());
        assertThat(ocsf).extracting(kv -> kv.value.at("/metadata/uid").asText())
                .containsExactlyElementsOf(risk.stream().map(kv -> kv.value.getEventId()).toList());
        assertThat(ocsf).extracting(kv -> kv.value.at("/activity_name").asText()).containsExactly("Create", "Update", "Update", "Close");
        assertThat(ocsf).extracting(kv -> kv.value.at("/status").asText())
                .containsExactly("New", "In Progress", "Suppressed", "Resolved");
        assertThat(ocsf).extracting(kv -> kv.value.at("/finding_info/uid").asText()).as("a SIEM correlates them by it")
                .doesNotContainNull().containsOnly(ocsf.get(0).value.at("/finding_info/uid").asText());
        assertThat(ocsf).extracting(kv -> kv.value.at("/resources/0/owner/name").asText()).as("owner from the registry")
                .containsOnly("payments-team");
    }

    @Test
    void clientsWithoutARegistryEntryHaveNoOwnerAndTheirOwnFinding() {
        a.clients.pipeInput(key("c-unowned"), client("c-unowned", a.now).build());
        a.integrations.pipeInput(key("c-owned"), integration("c-owned", false, a.now));
        a.clients.pipeInput(key("c-owned"), client("c-owned", a.now).setName("other").build());
        drain();

        JsonNode unowned = ocsf.stream().filter(kv -> kv.key.getClientId().equals("c-unowned")).findFirst().orElseThrow().value;
        assertThat(unowned.at("/resources/0").has("owner")).isFalse();
        assertThat(unowned.at("/finding_info/types").toString()).contains("unowned");
        assertThat(ocsf).extracting(kv -> kv.value.at("/finding_info/uid").asText()).doesNotHaveDuplicates();
    }
}
