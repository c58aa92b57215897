package io.oauthgov.analyzer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topics;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology's shape: store names are part of changelog topic names and processor names part of metrics,
 * so renaming one silently loses state on upgrade. A deliberate rename updates this test.
 */
class GovernanceTopologyDescriptionTest {

    private final TopologyDescription description = GovernanceTopology.topology(PolicyLoader.loadDefault(),
            AnalyzerSettings.builder().build(), Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry()))).describe();

    @Test
    void allPerClientInputsMeetInOneSubtopologyAndOnlyOrgSignalsAreRepartitioned() {
        assertThat(description.subtopologies()).as("co-partitioned inputs and the org governor: one sub-topology").hasSize(1);
        Set<String> repartitionTopics = description.subtopologies().iterator().next().nodes().stream()
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                .filter(t -> t.contains("repartition")).collect(Collectors.toSet());
        assertThat(repartitionTopics).as("per-client inputs are never repartitioned; org questions go through one topic")
                .containsExactly(GovernanceTopology.ORG_SIGNALS + "-repartition");
    }

    @Test
    void processorAndStoreNamesArePinned() {
        TopologyDescription.Subtopology main = description.subtopologies().iterator().next();
        Set<String> nodes = main.nodes().stream().map(TopologyDescription.Node::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(nodes).containsExactlyInAnyOrder(
                "analyzer-clients-source", "analyzer-activity-source", "analyzer-integrations-source", "analyzer-approvals-source",
                "analyzer-notices-source",
                "analyzer-clients-input", "analyzer-activity-input", "analyzer-integrations-input", "analyzer-approvals-input",
                "analyzer-notices-input",
                "analyzer-merge-activity", "analyzer-merge-integrations", "analyzer-merge-notices", "analyzer-merge-approvals",
                "analyzer-client-evaluator",
                "analyzer-route-risk", "analyzer-route-candidates", "analyzer-route-approved", "analyzer-route-rejected",
                "analyzer-risk-value", "analyzer-candidates-value", "analyzer-approved-by-identity", "analyzer-rejected-value",
                "analyzer-risk-sink", "analyzer-risk-ocsf-sink", "analyzer-candidates-sink", "analyzer-approved-sink", "analyzer-rejected-sink",
                "analyzer-route-",
                "analyzer-org-signals-only", "analyzer-org-signal-by-org", "analyzer-org-signals-repartition-filter",
                "analyzer-org-signals-repartition-sink", "analyzer-org-signals-repartition-source", "analyzer-org-governor",
                "analyzer-client-outputs", "analyzer-merge-governed");
        TopologyDescription.Processor evaluator = main.nodes().stream()
                .filter(n -> n.name().equals(GovernanceTopology.EVALUATOR))
                .map(TopologyDescription.Processor.class::cast).findFirst().orElseThrow();
        assertThat(evaluator.stores()).containsExactlyInAnyOrder(
                "analyzer-clients", "analyzer-activity", "analyzer-integrations", "analyzer-verdicts", "analyzer-coverage",
                // in memory and un-logged: no changelog topic, nothing to upgrade
                "analyzer-pending-evidence");
        TopologyDescription.Processor governor = main.nodes().stream()
                .filter(n -> n.name().equals(GovernanceTopology.ORG_GOVERNOR))
                .map(TopologyDescription.Processor.class::cast).findFirst().orElseThrow();
        assertThat(governor.stores()).containsExactly("analyzer-orgs");
    }

    @Test
    void snapshotManifestsAndEachOrgsRolesAreGlobalStores() {
        assertThat(description.globalStores()).hasSize(2);
        TopologyDescription.GlobalStore manifests = globalStoreOf("genesys.oauth.snapshots");
        TopologyDescription.GlobalStore roles = globalStoreOf("genesys.authorization");

        assertThat(manifests.processor().stores()).containsExactly("analyzer-manifests");
        assertThat(manifests.source().name()).isEqualTo("analyzer-manifests-table-source");
        assertThat(roles.processor().stores()).containsExactly("analyzer-authorization");
        assertThat(roles.source().name()).isEqualTo("analyzer-authorization-table-source");
    }

    private TopologyDescription.GlobalStore globalStoreOf(String topic) {
        return description.globalStores().stream().filter(g -> g.source().topicSet().contains(topic)).findFirst()
                .orElseThrow(() -> new AssertionError("no global store reads " + topic));
    }
}
