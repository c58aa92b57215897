package io.oauthgov.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.evaluation.OrgFindings;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.cli.approvals.ApprovalPublisher;
import io.oauthgov.cli.approvals.ApprovalRequests;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.cli.embedded.StreamsCatchUp;
import io.oauthgov.cli.registry.IntegrationRegistryCsv;
import io.oauthgov.cli.registry.RegistryPublisher;
import io.oauthgov.collector.CollectorApp;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.governance.Sleeper;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absence of evidence is not evidence of absence, end to end on a real broker: one analyzer runs throughout (as in
 * production, while collectors publish), and each scenario is its own simulated organization. Every record of
 * {@code governance.candidates} and {@code governance.risk} is read, not only the final state: a normal run never
 * proposes a used client even for a moment; a collector killed mid-evidence, a usage query that never completes, a
 * 403 on usage, a short backfill, a month since the last collection and a missing registry import each leave their
 * org with no candidate and exactly one insufficient-evidence event that names what is missing.
 */
class FailClosedEvidenceIT {
    private static final String APP_ID = "fail-closed-it-analyzer";
    private static final String APPROVER = "it-approver@oauthgov.test";
    private static final int LIMIT = 20_000;

    private static EmbeddedEnvironment environment;
    private static final List<GenesysSimulator> simulators = new ArrayList<>();
    private static GenesysSimulator normal;
    private static GenesysSimulator forbidden;
    private static GenesysSimulator pending;
    private static GenesysSimulator killed;
    private static GenesysSimulator shortBackfill;
    private static GenesysSimulator monthAgo;
    private static GenesysSimulator unregistered;
    private static AnalyzerApp analyzer;

    @BeforeAll
    static void start(@TempDir Path stateDir) throws Exception {
        environment = EmbeddedEnvironment.start();
        normal = simulator(4301, b -> b);
        forbidden = simulator(4302, b -> b.withoutPermission(IdentityRole.COLLECTOR, "usage:api:view"));
        pending = simulator(4303, b -> b.faults(f -> f.usageQueriesStayPending(true)));
        killed = simulator(4304, b -> b.faults(f -> f.usageQueriesStayPending(true)));
        shortBackfill = simulator(4305, b -> b);
        monthAgo = simulator(4306, b -> b);
        unregistered = simulator(4307, b -> b);
        // The shipped policy, but evidence that has not arrived a minute after its snapshot counts as missing, and no
        // notice period (this test is about evidence; NoticeBeforeApprovalIT covers the notice period).
        Policy policy = PolicyLoader.parse(new String(FailClosedEvidenceIT.class.getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)
                .readAllBytes()).replace("pendingEvidenceMinutes: 60", "pendingEvidenceMinutes: 1"), "it-policy")
                .withNoticePeriod(Duration.ZERO);
        AnalyzerSettings.Builder settings = AnalyzerSettings.builder().approvers(AnalyzerSettings.ALL_ORGS, APPROVER)
                .punctuationInterval(Duration.ofSeconds(2));
        for (GenesysSimulator simulator : simulators) {
            String org = org(simulator);
            settings.executorIdentity(org, simulator.identity(org, IdentityRole.EXECUTOR).clientId());
        }
        analyzer = AnalyzerApp.start(AnalyzerApp.Config.builder(environment.bootstrapServers()).applicationId(APP_ID)
                .stateDir(stateDir).replicationFactor(1).schemaRegistryUrl(environment.schemaRegistryUrl()).build(),
                policy, settings.build());
        assertThat(analyzer.awaitRunning(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    static void stop() {
        if (analyzer != null) {
            analyzer.close();
        }
        simulators.forEach(GenesysSimulator::close);
        if (environment != null) {
            environment.close();
        }
    }

    private static GenesysSimulator simulator(long seed, java.util.function.UnaryOperator<GenesysSimulator.Builder> setup) {
        GenesysSimulator simulator = setup.apply(GenesysSimulator.builder().orgs(1).clientsPerOrg(120).seed(seed)
                .identityRateLimit(LIMIT).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20))).start();
        simulators.add(simulator);
        return simulator;
    }

    private static String org(GenesysSimulator simulator) {
        return simulator.orgIds().get(0);
    }

    private static void importRegistry(GenesysSimulator simulator) {
        Instant now = Instant.now();
        List<IntegrationRecord> records = IntegrationRegistryCsv.parse(SimulatedRegistryCsv.render(simulator.integrationRegistry()),
                SimulatedRegistryCsv.FILE, now);
        RegistryPublisher.publish(environment.topics().integrations(), environment.clientConfigs(), records,
                simulator.orgIds(), "registry.csv", now);
    }

    private static OrgReport collect(GenesysSimulator simulator, CollectorSettings settings, GovernanceConfig config, Clock clock) {
        String org = org(simulator);
        ApiIdentity identity = simulator.identity(org, IdentityRole.COLLECTOR);
        GenesysClient api = GenesysClient.connect(org, Endpoints.local(simulator.baseUrl()),
                new ClientCredentials(identity.clientId(), identity.secret()), config, clock, Sleeper.REAL);
        try {
            return CollectorApp.collectOnce(new CollectorApp.Config(environment.topics(), environment.clientConfigs(),
                    settings.withTransactionalId("it-collector-" + org), List.of(new OrgTarget(org, identity.region(), api)),
                    Optional.empty(), clock), line -> { }).get(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static OrgReport collect(GenesysSimulator simulator) {
        return collect(simulator, CollectorSettings.defaults().withAuditSettle(Duration.ZERO),
                GovernanceConfig.defaults().withRequestsPerWindow(LIMIT), Clock.systemUTC());
    }

    private static void awaitAnalyzer() throws Exception {
        try (Admin admin = Admin.create(environment.clientConfigs())) {
            StreamsCatchUp.await(admin, APP_ID, AnalyzerApp.inputTopics(APP_ID), Duration.ofSeconds(90));
        }
    }

    private static List<DeletionCandidate> candidateRecords(String org) {
        return TopicLogReader.readAll(environment.topics().candidates(), environment.clientConfigs(), Duration.ofSeconds(30)).stream()
                .filter(e -> e.key().getOrgId().equals(org)).map(TopicLogReader.Entry::value).filter(v -> v != null).toList();
    }

    private static List<TopicLogReader.Entry<ClientKey, RiskEvent>> risk(String org) {
        return TopicLogReader.readAll(environment.topics().risk(), environment.clientConfigs(), Duration.ofSeconds(30)).stream()
                .filter(e -> e.key().getOrgId().equals(org)).toList();
    }

    private static List<RiskEvent> orgEvents(String org, String rule) {
        return risk(org).stream().filter(e -> OrgWide.isOrgWide(e.key())).map(TopicLogReader.Entry::value)
                .filter(v -> v.getFindings().stream().anyMatch(f -> f.getRuleId().equals(rule))).toList();
    }

    private static boolean judgesUse(RiskEvent event) {
        return event.getFindings().stream().anyMatch(f -> f.getRuleId().equals("never-used") || f.getRuleId().equals("stale-unused")
                || f.getRuleId().equals("disabled-unused"));
    }

    /** Zero candidate records ever, no use-based finding ever, and one insufficient-evidence event naming {@code codes}. */
    private static void assertFailedClosed(GenesysSimulator simulator, String... codes) {
        String org = org(simulator);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !orgEvents(org, OrgFindings.INSUFFICIENT_EVIDENCE).isEmpty());
        assertThat(candidateRecords(org)).as("candidate records of org " + org).isEmpty();
        assertThat(risk(org)).as("use-based findings of org " + org).noneMatch(e -> judgesUse(e.value()));
        List<RiskEvent> events = orgEvents(org, OrgFindings.INSUFFICIENT_EVIDENCE);
        assertThat(events).as("one insufficient-evidence event for org " + org).hasSize(1);
        assertThat(events.get(0).getFindings().get(0).getReason()).contains(codes);
    }

    @Test
    void normalRunWhileTheAnalyzerRunsNeverProposesAUsedClientNotEvenTransiently() throws Exception {
        String org = org(normal);
        importRegistry(normal);
        OrgReport report = collect(normal);
        awaitAnalyzer();

        assertThat(report.evidenceError()).isNull();
        LocalDate windowStart = LocalDate.now(ZoneOffset.UTC).minusDays(180);
        List<ClientTruth> truth = normal.groundTruth().orgs().get(0).clients();
        Set<String> expected = truth.stream().filter(c -> c.expected().candidate()).map(ClientTruth::id).collect(Collectors.toSet());
        Set<String> used = truth.stream().filter(c -> c.lastUsed() != null
                && !LocalDate.parse(c.lastUsed().substring(0, 10)).isBefore(windowStart)).map(ClientTruth::id).collect(Collectors.toSet());
        assertThat(used).as("the seeded org has used clients, token-only ones among them").isNotEmpty()
                .containsAll(normal.groundTruth().clientsIn(io.oauthgov.simulator.generator.Category.TOKEN_ONLY_USE).stream()
                        .map(ClientTruth::id).toList());

        // Inputs caught up does not mean every output is written: a candidate can wait for the punctuation that
        // re-judges a client once its org's coverage arrived. Wait for the expected ones, then judge the whole log.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> candidateRecords(org).stream()
                .map(DeletionCandidate::getClientId).collect(Collectors.toSet()).containsAll(expected));
        List<DeletionCandidate> records = candidateRecords(org);
        assertThat(records).extracting(DeletionCandidate::getClientId).as("every candidate proposed once, and only expected ones")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        List<TopicLogReader.Entry<ClientKey, RiskEvent>> risk = risk(org);
        assertThat(risk).filteredOn(e -> used.contains(e.key().getClientId()))
                .as("no used client was ever called unused").noneMatch(e -> judgesUse(e.value()));
        assertThat(orgEvents(org, OrgFindings.INSUFFICIENT_EVIDENCE)).as("the evidence sufficed throughout").isEmpty();

        // The surge brake: a first collection proposing more than 5 % of the org is held until a person confirms.
        assertThat(orgEvents(org, OrgFindings.SURGE_HELD)).hasSize(1);
        DeletionCandidate first = records.get(0);
        ApprovalRequests.Terms terms = new ApprovalRequests.Terms(Decision.APPROVE, APPROVER, "CHG-IT", Duration.ofHours(1), "it");
        ApprovalPublisher.publish(environment.topics().approvals(), environment.clientConfigs(),
                List.of(ApprovalRequests.create(first, terms, Instant.now(), Optional.empty())));
        awaitAnalyzer();
        assertThat(rejections(org)).extracting(Rejection::getReason).containsExactly(RejectionReason.HELD_SURGE);

        ApprovalPublisher.publish(environment.topics().approvals(), environment.clientConfigs(),
                List.of(ApprovalRequests.confirmSurge(org, terms, Instant.now(), Optional.empty())));
        awaitAnalyzer();
        ApprovalPublisher.publish(environment.topics().approvals(), environment.clientConfigs(),
                List.of(ApprovalRequests.create(first, terms, Instant.now(), Optional.empty())));
        awaitAnalyzer();
        List<ApprovedDeletion> approved = TopicLogReader.<ApiIdentityKey, ApprovedDeletion>readAll(environment.topics().deletionsApproved(),
                environment.clientConfigs(), Duration.ofSeconds(30)).stream().map(TopicLogReader.Entry::value)
                .filter(d -> d.getOrgId().equals(org)).toList();
        assertThat(approved).extracting(ApprovedDeletion::getClientId).containsExactly(first.getClientId());
    }

    private static List<Rejection> rejections(String org) {
        return TopicLogReader.readAll(environment.topics().rejected(), environment.clientConfigs(), Duration.ofSeconds(30)).stream()
                .filter(e -> e.key() != null && e.key().getOrgId().equals(org)).map(TopicLogReader.Entry::value).toList();
    }

    @Test
    void aForbiddenUsageQueryLeavesTheOrgUnjudged() {
        importRegistry(forbidden);
        OrgReport report = collect(forbidden);
        assertThat(report.evidenceError()).contains("FORBIDDEN");
        assertFailedClosed(forbidden, "USAGE_NOT_COVERED", "FORBIDDEN");
    }

    @Test
    void aUsageQueryThatNeverCompletesLeavesTheOrgUnjudged() {
        importRegistry(pending);
        OrgReport report = collect(pending, CollectorSettings.defaults().withAuditSettle(Duration.ZERO),
                GovernanceConfig.defaults().withRequestsPerWindow(LIMIT).withQueryMaxWait(Duration.ofSeconds(3)), Clock.systemUTC());
        assertThat(report.evidenceError()).contains("QUERY_PENDING");
        assertFailedClosed(pending, "USAGE_NOT_COVERED", "QUERY_PENDING");
    }

    @Test
    void aShortFirstBackfillLeavesTheOrgUnjudgedAndNamesTheBackfill() {
        importRegistry(shortBackfill);
        collect(shortBackfill, CollectorSettings.defaults().withAuditSettle(Duration.ZERO).withBackfill(Duration.ofDays(30)),
                GovernanceConfig.defaults().withRequestsPerWindow(LIMIT), Clock.systemUTC());
        assertFailedClosed(shortBackfill, "USAGE_WINDOW_SHORT", "--backfill-days 180");
    }

    @Test
    void aMonthSinceTheLastCollectionLeavesTheOrgUnjudged() {
        importRegistry(monthAgo);
        collect(monthAgo, CollectorSettings.defaults().withAuditSettle(Duration.ZERO),
                GovernanceConfig.defaults().withRequestsPerWindow(LIMIT), Clock.offset(Clock.systemUTC(), Duration.ofDays(-31)));
        assertFailedClosed(monthAgo, "USAGE_BEHIND", "AUDIT_BEHIND");
    }

    @Test
    void anOrgWhoseRegistryWasNeverImportedIsNotJudged() {
        collect(unregistered);
        assertFailedClosed(unregistered, "REGISTRY_NOT_IMPORTED");
        assertThat(risk(org(unregistered))).as("unowned means nothing before an import")
                .noneMatch(e -> e.value().getFindings().stream().anyMatch(f -> f.getRuleId().equals("unowned")));
    }

    @Test
    void aCollectorKilledWhileItsEvidenceIsPendingLeavesTheOrgUnjudged(@TempDir Path dir) throws Exception {
        String org = org(killed);
        importRegistry(killed);
        ApiIdentity identity = killed.identity(org, IdentityRole.COLLECTOR);
        Path credentials = Files.writeString(dir.resolve("collector.properties"),
                "clientId=" + identity.clientId() + "\nclientSecret=" + identity.secret() + "\n");
        Files.setPosixFilePermissions(credentials, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path config = Files.writeString(dir.resolve("orgs.yaml"), """
                orgs:
                  - orgId: %s
                    baseUrl: %s
                    credentialsFile: %s
                    requestsPerMinute: %d
                """.formatted(org, killed.baseUrl(), credentials, LIMIT));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process collector = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), io.oauthgov.cli.Main.class.getName(), "collect", "--once",
                "--config", config.toString(), "--audit-settle", "0s", "--bootstrap-servers", environment.bootstrapServers(),
                "--schema-registry-url", environment.schemaRegistryUrl())
                .redirectErrorStream(true).redirectOutput(new File("target/killed-collector.log")).start();
        try {
            // The snapshot transaction is committed; the usage query it waits on never completes.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                    TopicLogReader.<OrgKey, SnapshotManifest>readAll(environment.topics().snapshots(), environment.clientConfigs(),
                            Duration.ofSeconds(10)).stream().anyMatch(e -> e.key().getOrgId().equals(org)));
        } finally {
            collector.destroyForcibly().waitFor();
        }
        assertFailedClosed(killed, "NO_COVERAGE");
    }
}
