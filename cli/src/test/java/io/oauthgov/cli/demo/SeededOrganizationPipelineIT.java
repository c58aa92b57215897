package io.oauthgov.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer's acceptance on the simulator's seeded organization, fed by the real collector through a real
 * broker: candidates for exactly the clients the ground truth says a correct analyzer proposes (stale, disabled
 * long ago, and the stale-looking ones scripted to change or vanish later), none for the traps (old metadata but
 * used, recently created, protected, user-facing grants, clients whose only use is token grants), and a
 * high-risk-scopes finding for every risky client.
 */
class SeededOrganizationPipelineIT {

    @Test
    void candidatesAreExactlyTheGroundTruthsAndRiskEventsFlagHighRiskScopes(@TempDir Path stateDir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(200).seed(42)
                     .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            DemoStages stages = new DemoStages(environment, simulator, 20_000);

            stages.importRegistry();
            List<String> progress = new ArrayList<>();
            List<OrgReport> reports = stages.collect(progress::add);
            try (AnalyzerApp analyzer = stages.startAnalyzer(PolicyLoader.loadDefault(), stateDir)) {
                stages.awaitAnalyzer(Duration.ofSeconds(90));
            }

            assertThat(reports).allSatisfy(r -> assertThat(r.verified()).as(r.progressLine()).isTrue());
            Map<ClientKey, DeletionCandidate> candidates = TopicTableReader.readAll(environment.topics().candidates(),
                    environment.clientConfigs(), Duration.ofSeconds(30));
            Set<String> proposed = candidates.keySet().stream().map(ClientKey::getClientId).collect(Collectors.toSet());
            List<ClientTruth> truth = simulator.groundTruth().orgs().get(0).clients();
            Set<String> expected = truth.stream().filter(c -> c.expected().candidate()).map(ClientTruth::id).collect(Collectors.toSet());
            assertThat(proposed).as("candidates vs ground truth").containsExactlyInAnyOrderElementsOf(expected);
            for (Category trap : List.of(Category.OLD_METADATA_BUT_USED, Category.RECENTLY_CREATED, Category.PROTECTED,
                    Category.USER_FACING_GRANT, Category.ACTIVE_IN_USE, Category.TOKEN_ONLY_USE)) {
                assertThat(simulator.groundTruth().clientsIn(trap)).as(trap.name()).isNotEmpty()
                        .allSatisfy(c -> assertThat(proposed).as(trap + " " + c.id()).doesNotContain(c.id()));
            }

            Set<String> flaggedHighRisk = TopicLogReader.readAll(environment.topics().risk(), environment.clientConfigs(), Duration.ofSeconds(30))
                    .stream().map(TopicLogReader.Entry::value)
                    .filter(e -> e.getFindings().stream().anyMatch(f -> f.getRuleId().equals("high-risk-scopes")))
                    .map(RiskEvent::getClientId).collect(Collectors.toSet());
            assertThat(simulator.groundTruth().clientsIn(Category.HIGH_RISK_SCOPES)).isNotEmpty()
                    .allSatisfy(c -> assertThat(flaggedHighRisk).as("high-risk " + c.id()).contains(c.id()));
        }
    }
}
