package io.oauthgov.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.Severity;
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
import java.util.HashMap;
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
 * high-risk-scopes finding for every risky client; every privileged stale client a CRITICAL candidate with its
 * Master Admin role as evidence, every over-privileged active client a privilege finding with the domains it used,
 * and no client holding only read-only roles flagged as privileged.
 */
class SeededOrganizationPipelineIT {

    @Test
    void candidatesAreExactlyTheGroundTruthsAndRiskEventsFlagHighRiskScopesAndPrivilege(@TempDir Path stateDir) throws Exception {
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

            Map<String, RiskEvent> latestRisk = new HashMap<>();
            TopicLogReader.readAll(environment.topics().risk(), environment.clientConfigs(), Duration.ofSeconds(30))
                    .forEach(e -> latestRisk.put(e.value().getClientId(), e.value()));
            assertThat(simulator.groundTruth().clientsIn(Category.PRIVILEGED_STALE)).isNotEmpty().allSatisfy(c -> {
                RiskEvent risk = latestRisk.get(c.id());
                assertThat(proposed).as("privileged stale " + c.id()).contains(c.id());
                assertThat(risk.getSeverity()).as("privileged stale " + c.id()).isEqualTo(Severity.CRITICAL);
                assertThat(finding(risk, "admin-role").getEvidence().get("roles")).contains("Master Admin");
            });
            assertThat(simulator.groundTruth().clientsIn(Category.OVERPRIVILEGED_ACTIVE)).isNotEmpty().allSatisfy(c -> {
                RiskEvent risk = latestRisk.get(c.id());
                assertThat(rules(risk)).as("over-privileged " + c.id()).containsAnyOf("unused-write-permission", "admin-role");
                assertThat(risk.getUsedDomains()).as("least-privilege suggestion for " + c.id()).isNotEmpty();
                assertThat(proposed).doesNotContain(c.id());
            });
            List<ClientTruth> readOnly = truth.stream().filter(c -> c.flags().contains("READ_ONLY_ROLES")).toList();
            assertThat(readOnly).extracting(ClientTruth::category).contains(Category.READ_ONLY_ACTIVE);
            assertThat(readOnly).allSatisfy(c -> assertThat(latestRisk.get(c.id()) == null ? Set.of() : rules(latestRisk.get(c.id())))
                    .as("read-only " + c.id()).doesNotContainAnyElementsOf(PRIVILEGE_RULES));
        }
    }

    private static final Set<String> PRIVILEGE_RULES = Set.of("admin-role", "identity-admin", "all-divisions",
            "unused-write-permission");

    private static Set<String> rules(RiskEvent event) {
        return event.getFindings().stream().map(Finding::getRuleId).collect(Collectors.toSet());
    }

    private static Finding finding(RiskEvent event, String ruleId) {
        return event.getFindings().stream().filter(f -> f.getRuleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new AssertionError(event.getClientId() + " has no " + ruleId + " finding: " + rules(event)));
    }
}
