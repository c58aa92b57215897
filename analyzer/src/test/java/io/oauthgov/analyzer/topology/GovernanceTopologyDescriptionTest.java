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
    void allPerClientInputsMeetInOneSubtopologyWithoutRepartitioning() {
        assertThat(description.subtopologies()).as("co-partitioned inputs: one sub-topology, no repartition topic").hasSize(1);
        assertThat(description.toString()).doesNotContain("repartition");
    }

    @Test
    void processorAndStoreNamesArePinned() {
        TopologyDescription.Subtopology main = description.subtopologies().iterator().next();
        Set<String> nodes = main.nodes().stream().map(TopologyDescription.Node::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(nodes).containsExactlyInAnyOrder(
                "analyzer-clients-source", "analyzer-activity-source", "analyzer-integrations-source", "analyzer-approvals-source",
                "analyzer-clients-input", "analyzer-activity-input", "analyzer-integrations-input", "analyzer-approvals-input",
                "analyzer-merge-activity", "analyzer-merge-integrations", "analyzer-merge-approvals",
                "analyzer-client-evaluator",
                "analyzer-route-risk", "analyzer-route-candidates", "analyzer-route-approved", "analyzer-route-rejected",
                "analyzer-risk-value", "analyzer-candidates-value", "analyzer-approved-by-identity", "analyzer-rejected-value",
                "analyzer-risk-sink", "analyzer-candidates-sink", "analyzer-approved-sink", "analyzer-rejected-sink",
                "analyzer-route-");
        TopologyDescription.Processor evaluator = main.nodes().stream()
                .filter(n -> n.name().equals(GovernanceTopology.EVALUATOR))
                .map(TopologyDescription.Processor.class::cast).findFirst().orElseThrow();
        assertThat(evaluator.stores()).containsExactlyInAnyOrder(
                "analyzer-clients", "analyzer-activity", "analyzer-integrations", "analyzer-verdicts");
    }

    @Test
    void snapshotManifestsAreAGlobalStore() {
        assertThat(description.globalStores()).hasSize(1);
        TopologyDescription.GlobalStore manifests = description.globalStores().iterator().next();
        assertThat(manifests.source().topicSet()).containsExactly("genesys.oauth.snapshots");
        assertThat(manifests.processor().stores()).containsExactly("analyzer-manifests");
        assertThat(manifests.source().name()).isEqualTo("analyzer-manifests-table-source");
    }
}
