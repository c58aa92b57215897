package io.oauthgov.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.schemas.topics.Topics;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.RequestLog;
import io.oauthgov.simulator.faults.FaultLimit;
import io.oauthgov.simulator.faults.FaultTarget;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import io.oauthgov.simulator.model.SimulatedClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The collector against the simulator on a real broker. Each test has its own simulated organization (a seed of its
 * own gives it its own org id) and reads back only that organization's records.
 */
class CollectorIT {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static ProvisionedBroker broker;
    private static Topics topics;
    private GenesysSimulator simulator;

    @BeforeAll
    static void startBroker() {
        broker = ProvisionedBroker.start();
        topics = broker.topics();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static Map<String, Object> kafka() {
        return broker.kafka();
    }

    /** Tests not about the limit run under a generous one, so pacing does not dominate their time. */
    private static final int GENEROUS_LIMIT = 6000;
    /** A give-up time of seconds instead of minutes, so a sustained outage ends a test quickly. */
    private static final Duration GIVE_UP = Duration.ofSeconds(2);
    private static final GovernanceConfig FAST = GovernanceConfig.collectorDefaults().withRequestsPerWindow(GENEROUS_LIMIT)
            .withOutageTolerance(Duration.ofMillis(200), GIVE_UP);

    private String startSimulator(GenesysSimulator.Builder builder) {
        simulator = builder.queryStageDuration(Duration.ofMillis(20)).start();
        return simulator.orgIds().get(0);
    }

    private OrgTarget target(String orgId, GovernanceConfig config) {
        ApiIdentity identity = simulator.identity(orgId, IdentityRole.COLLECTOR);
        return new OrgTarget(orgId, identity.region(), GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                new ClientCredentials(identity.clientId(), identity.secret()), config));
    }

    private Collector collector() {
        return new Collector(CollectorSettings.defaults().withTransactionalId("collector-it-" + SEQUENCE.incrementAndGet())
                .withAuditSettle(Duration.ZERO),
                topics, kafka(), Clock.systemUTC());
    }

    private Map<String, OAuthClientSnapshot> publishedClients(String orgId) {
        return TopicTableReader.readAll(topics.clients(), kafka(), Duration.ofSeconds(30)).entrySet().stream()
                .filter(e -> e.getKey().getOrgId().equals(orgId))
                .collect(Collectors.toMap(e -> e.getKey().getClientId(), Map.Entry::getValue));
    }

    @Test
    void verifiedSnapshotEqualsTheSimulatorsClientsIncludingGrantTypes() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(80).seed(101).pageSize(30));
        List<String> progress = new ArrayList<>();

        List<OrgReport> reports;
        try (Collector collector = collector()) {
            reports = collector.collectOnce(List.of(target(orgId, FAST)), progress::add);
        }

        assertThat(reports.get(0).verified()).as(reports.get(0).progressLine()).isTrue();
        Map<String, SimulatedClient> truth = simulator.organization(orgId).listClients(Instant.now()).stream()
                .collect(Collectors.toMap(SimulatedClient::id, Function.identity()));
        Map<String, OAuthClientSnapshot> published = publishedClients(orgId);
        assertThat(published.keySet()).isEqualTo(truth.keySet());
        published.forEach((id, snapshot) -> {
            assertThat(snapshot.getAuthorizedGrantType()).as(id).isEqualTo(truth.get(id).authorizedGrantType().wireName());
            assertThat(snapshot.getScope()).as(id).containsExactlyInAnyOrderElementsOf(truth.get(id).scope());
        });
        assertThat(progress).singleElement().asString().contains("verified").contains(orgId);
    }

    @Test
    void snapshotsRolesAndDivisionsThatResolveEveryClientsGrantsAndReadsUsageByEndpoint() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(60).seed(117));

        OrgReport report;
        try (Collector collector = collector()) {
            report = collector.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0);
        }

        AuthorizationSnapshot published = authorizationOf(orgId);
        var org = simulator.organization(orgId);
        assertThat(published).as(report.progressLine()).isNotNull();
        assertThat(published.getVerified()).isTrue();
        assertThat(published.getRoles()).extracting(r -> r.getId())
                .containsExactlyElementsOf(org.roles().stream().map(r -> r.id()).toList());
        assertThat(published.getRoles().get(0).getPermissionPolicies()).singleElement()
                .satisfies(p -> assertThat(p.getDomain() + ":" + p.getEntityName() + ":" + p.getActionSet()).isEqualTo("*:*:[*]"));
        assertThat(published.getDivisions()).filteredOn(d -> d.getHomeDivision()).hasSize(1);
        Set<String> roleIds = published.getRoles().stream().map(r -> r.getId()).collect(Collectors.toSet());
        assertThat(publishedClients(orgId).values()).flatExtracting(OAuthClientSnapshot::getRoleDivisions)
                .isNotEmpty().allSatisfy(g -> assertThat(roleIds).contains(g.getRoleId()));
        assertThat(report.progressLine()).contains(org.roles().size() + " roles");
        assertThat(useEvidenceOf(evidenceOf(orgId))).filteredOn(e -> e.getSource() == EvidenceSource.USAGE).isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.getTemplateUri()).startsWith("api/v2/");
                    assertThat(e.getHttpMethod()).isNotBlank();
                });
    }

    @Test
    void rolesItMayNotReadAreNotPublishedAndTheReportSaysWhichPermissionIsMissing() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1)
                .clientsPerOrg(20).seed(118).withoutPermission(IdentityRole.COLLECTOR, "authorization:role:view"));

        OrgReport report;
        try (Collector collector = collector()) {
            report = collector.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0);
        }

        assertThat(report.verified()).as("the client snapshot does not depend on the roles").isTrue();
        assertThat(report.authorization()).contains("NOT verified").contains("API_ERROR");
        assertThat(authorizationOf(orgId)).as("nothing unverified reaches the analyzer").isNull();
    }

    @Test
    void noRecordOnAnyTopicContainsASecretTheSimulatorIssued() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(40).seed(102));
        List<String> progress = new ArrayList<>();
        String logs;
        try (CapturedLogs captured = new CapturedLogs(); Collector collector = collector()) {
            // Two server errors on the way: retries and their handling run while the logs are captured.
            simulator.faults().serverErrors(FaultTarget.everyone(), FaultLimit.calls(2), 500);
            collector.collectOnce(List.of(target(orgId, FAST)), progress::add);
            logs = captured.text();
        }

        String everything = allTopicBytesAsText() + String.join("\n", progress) + logs;

        assertThat(simulator.issuedSecrets()).isNotEmpty().allSatisfy(secret -> assertThat(everything).doesNotContain(secret));
        assertThat(everything).contains(orgId); // the scan did read this test's records
    }

    @Test
    void aBurstOfServerErrorsOnTheListingIsRiddenOutAndTheSnapshotVerified() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(30).seed(109));
        // the production give-up time (minutes); only the breaker's cool-down is shortened, to keep the test quick
        OrgTarget target = target(orgId, FAST.withOutageTolerance(Duration.ofMillis(200), GovernanceConfig.defaults().giveUpAfter()));
        simulator.faults().serverErrors(FaultTarget.identity(target.api().identity().clientId()), FaultLimit.calls(8), 503);

        OrgReport report;
        try (Collector collector = collector()) {
            report = collector.collectOnce(List.of(target), line -> { }).get(0);
        }

        assertThat(report.verified()).as(report.progressLine()).isTrue();
        assertThat(report.gaveUp()).isNull();
        assertThat(report.evidenceError()).isNull();
        assertThat(publishedClients(orgId)).hasSize(report.clients());
    }

    @Test
    void aSustainedOutageOfOneOrgGivesUpOnItAfterTheConfiguredTimeAndTheOtherOrgIsCollected() {
        startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(2).clientsPerOrg(30).seed(110));
        OrgTarget down = target(simulator.orgIds().get(0), FAST);
        OrgTarget up = target(simulator.orgIds().get(1), FAST);
        simulator.faults().serverErrors(FaultTarget.identity(down.api().identity().clientId()), FaultLimit.untilCleared(), 503);
        List<String> progress = new ArrayList<>();

        List<OrgReport> reports;
        Instant start = Instant.now();
        try (Collector collector = collector()) {
            reports = collector.collectOnce(List.of(down, up), progress::add);
        }
        Duration took = Duration.between(start, Instant.now());

        OrgReport failed = reports.get(0);
        assertThat(failed.verified()).isFalse();
        assertThat(failed.gaveUp()).contains("without a success (the limit is 2 s)").contains("503");
        assertThat(progress.get(1)).as("the healthy org, collected alongside, finished first")
                .contains("org " + down.orgId()).contains("GAVE UP on this org");
        assertThat(took).as("one give-up time for the listing; the evidence reads that follow fail at once")
                .isLessThan(GIVE_UP.multipliedBy(3).plusSeconds(5));
        OrgReport healthy = reports.get(1);
        assertThat(healthy.verified()).as(healthy.progressLine()).isTrue();
        assertThat(healthy.gaveUp()).isNull();
        assertThat(healthy.evidenceError()).isNull();
        assertThat(progress.get(0)).contains("org " + up.orgId()).doesNotContain("GAVE UP");
    }

    @Test
    void anOrgIn429StormDelaysNoOtherOrgCollectedAlongside() throws Exception {
        startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(3).clientsPerOrg(40).seed(119));
        OrgTarget stormy = target(simulator.orgIds().get(0), FAST);
        List<OrgTarget> calm = List.of(target(simulator.orgIds().get(1), FAST), target(simulator.orgIds().get(2), FAST));
        var storm = simulator.faults().throttle(FaultTarget.identity(stormy.api().identity().clientId()), FaultLimit.untilCleared(), 1);
        java.util.concurrent.BlockingQueue<String> progress = new java.util.concurrent.LinkedBlockingQueue<>();
        List<OrgTarget> fleet = List.of(stormy, calm.get(0), calm.get(1));

        try (Collector collector = collector()) {
            var cycle = java.util.concurrent.CompletableFuture.supplyAsync(() -> collector.collectOnce(fleet, progress::add));
            List<String> calmLines = List.of(progress.poll(60, java.util.concurrent.TimeUnit.SECONDS),
                    progress.poll(60, java.util.concurrent.TimeUnit.SECONDS));

            assertThat(calmLines).as("both calm orgs finished while the stormy one is still throttled")
                    .allSatisfy(line -> assertThat(line).contains("snapshot verified").contains(" 0 x 429").doesNotContain(stormy.orgId()));
            assertThat(storm.applied()).as("the storm is still hitting the stormy org").isGreaterThan(0);
            assertThat(cycle).isNotDone();

            storm.cancel();
            List<OrgReport> reports = cycle.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(reports).extracting(OrgReport::orgId).as("reports in the configured order")
                    .containsExactly(stormy.orgId(), calm.get(0).orgId(), calm.get(1).orgId());
            assertThat(reports.get(0).verified()).as(reports.get(0).progressLine()).isTrue();
            assertThat(reports.get(0).throttled()).isGreaterThan(0);
            assertThat(reports.subList(1, 3)).allSatisfy(r -> assertThat(r.throttled()).isZero());
        }
    }

    /**
     * The floor of a cycle: every listing page (twice when the listing pages: the second pass verifies it), every page
     * of roles and divisions, the audit service mapping, per service one query, one status poll and its result page,
     * and the usage query only when a new day completed — but no detail read, because no client changed. The
     * simulator's queries finish at once here, so one status poll is the minimum and the count is exact.
     */
    @Test
    void aSecondCycleOverAnUnchangedOrgMakesExactlyTheMinimumCalls() {
        simulator = GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(70)
                .seed(120).pageSize(25).queryStageDuration(Duration.ZERO).start();
        String orgId = simulator.orgIds().get(0);
        OrgTarget target = target(orgId, FAST);
        int services = target.api().audits().serviceNames().size();
        try (Collector collector = collector()) {
            OrgReport first = collector.collectOnce(List.of(target), line -> { }).get(0);
            assertThat(first.detailReads()).as("a cold cache reads every client once").isEqualTo(first.clients());
            simulator.requestLog().clear();
            java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC);

            OrgReport second = collector.collectOnce(List.of(target), line -> { }).get(0);

            List<RequestLog.Entry> calls = simulator.requestLog().matching(e -> target.api().identity().clientId().equals(e.identity())
                    && e.path().startsWith("/api/"));
            var org = simulator.organization(orgId);
            int listing = second.pages() * (second.pages() > 1 ? 2 : 1);
            int authorization = pages(org.roles().size()) + pages(org.divisions().size());
            int audit = 1 + services * 3;
            int usage = day.equals(java.time.LocalDate.now(java.time.ZoneOffset.UTC)) ? 0 : 2; // submit + result, on a new day only
            assertThat(second.verified()).as(second.progressLine()).isTrue();
            assertThat(second.auditEvidence()).as("one result page per service suffices").isLessThan(500);
            assertThat(calls).as("no detail read of an unchanged client")
                    .noneMatch(c -> c.path().matches("/api/v2/oauth/clients/[^/]+"));
            assertThat(calls).as("the floor: listing, roles, divisions, audit (and usage on a new day)")
                    .hasSize(listing + authorization + audit + usage);
            assertThat(second.calls()).as("the report counts what the platform saw").isEqualTo(calls.size());
        }
    }

    /** Pages of a role or division listing at Genesys' default 25 per page; an empty listing is still one page. */
    private static int pages(int entities) {
        return Math.max(1, (entities + 24) / 25);
    }

    @Test
    void theEvidenceLaneSubmitsAndPollsItsQueriesWhileTheClientsAreRead() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(150).seed(121));
        OrgTarget target = target(orgId, FAST);
        OrgReport report;
        try (Collector collector = collector()) {
            report = collector.collectOnce(List.of(target), line -> { }).get(0);
        }

        List<String> calls = simulator.requestLog().matching(e -> target.api().identity().clientId().equals(e.identity())
                && e.path().startsWith("/api/")).stream().map(e -> e.method() + " " + e.path()).toList();
        int usageSubmit = calls.indexOf("POST /api/v2/usage/query");
        int auditSubmit = calls.indexOf("POST /api/v2/audits/query");
        int firstPoll = java.util.stream.IntStream.range(0, calls.size())
                .filter(i -> calls.get(i).matches("GET /api/v2/(usage|audits)/query/.+") && !calls.get(i).endsWith("/servicemapping"))
                .findFirst().orElseThrow();
        int lastDetailRead = java.util.stream.IntStream.range(0, calls.size())
                .filter(i -> calls.get(i).matches("GET /api/v2/oauth/clients/[^/]+")).max().orElseThrow();
        assertThat(usageSubmit).as("usage submitted while the clients were read").isLessThan(lastDetailRead);
        assertThat(auditSubmit).as("audit submitted while the clients were read").isLessThan(lastDetailRead);
        assertThat(firstPoll).as("polled while the clients were still read, not after").isLessThan(lastDetailRead);
        assertThat(report.verified()).isTrue();
        assertThat(report.evidenceError()).as("both lanes complete").isNull();
    }

    @Test
    void aFirstReadPublishesUsageInBatchesOfDaysEachWithTheCheckpointThatCoversIt() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(40).seed(122));
        OrgReport report;
        try (Collector collector = new Collector(CollectorSettings.defaults().withTransactionalId("collector-it-" + SEQUENCE.incrementAndGet())
                .withAuditSettle(Duration.ZERO).withUsageBatchDays(30), topics, kafka(), Clock.systemUTC())) {
            report = collector.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0);
        }

        List<TopicLogReader.Entry<OrgKey, io.oauthgov.avro.CollectorCheckpoint>> checkpoints = TopicLogReader.readAll(topics.checkpoints(),
                kafka(), Duration.ofSeconds(30)).stream().filter(e -> e.key().getOrgId().equals(orgId)).toList();
        List<java.time.LocalDate> through = checkpoints.stream().map(e -> e.value().getUsageThroughDay()).toList();
        java.time.LocalDate yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        assertThat(checkpoints).as("180 days in batches of 30: six usage batches, then the run's last transaction").hasSize(7);
        assertThat(through.subList(0, 6)).as("each batch moves the coverage on by its days").isSorted().doesNotHaveDuplicates();
        assertThat(through.get(6)).as("the last transaction (audit and coverage) covers through yesterday").isEqualTo(yesterday);
        assertThat(checkpoints).allSatisfy(e -> assertThat(e.value().getUsageFromDay()).isEqualTo(checkpoints.get(0).value().getUsageFromDay()));
        List<ActivityEvidence> evidence = evidenceOf(orgId);
        assertThat(useEvidenceOf(evidence)).filteredOn(e -> e.getSource() == EvidenceSource.USAGE).hasSize(report.usageEvidence())
                .allSatisfy(e -> assertThat(e.getEventAt()).isBefore(java.time.LocalDate.now(java.time.ZoneOffset.UTC).atStartOfDay()
                        .toInstant(java.time.ZoneOffset.UTC)));
        assertThat(evidence.stream().map(ActivityEvidence::getEvidenceId)).doesNotHaveDuplicates();
        assertThat(evidence).filteredOn(e -> e.getRelation() == EvidenceRelation.COVERAGE).as("one coverage per partition, after every batch")
                .hasSize(6).allSatisfy(e -> assertThat(e.getCoverage().getUsageThrough())
                        .isEqualTo(yesterday.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
    }

    @Test
    void aZombieCollectorIsFencedOnceAnotherInstanceTookTheOrgOverAndPublishesNothing() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(20).seed(123));
        CollectorSettings shared = CollectorSettings.defaults().withTransactionalId("collector-it-zombie-" + SEQUENCE.incrementAndGet())
                .withAuditSettle(Duration.ZERO);
        try (Collector zombie = new Collector(shared, topics, kafka(), Clock.systemUTC());
             Collector successor = new Collector(shared, topics, kafka(), Clock.systemUTC())) {
            assertThat(zombie.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0).verified()).isTrue();
            successor.takeOver(Set.of(orgId));
            int manifestsBefore = manifestsOf(orgId).size();

            OrgReport fenced = zombie.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0);

            assertThat(fenced.failureReasons()).containsExactly(OrgReport.FENCED);
            assertThat(fenced.progressLine()).contains("another collector instance took this org over");
            assertThat(manifestsOf(orgId)).as("nothing of the zombie's run is visible").hasSize(manifestsBefore);
            OrgReport resumed = successor.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0);
            assertThat(resumed.verified()).isTrue();
            assertThat(resumed.detailReads()).as("the successor read the zombie's published registry: its cache is warm").isZero();
            assertThat(evidenceOf(orgId).stream().map(ActivityEvidence::getEvidenceId)).doesNotHaveDuplicates();
        }
    }

    @Test
    void listingDriftLeavesTheSnapshotUnverifiedWithoutClientsOrTombstones() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(60).seed(103).pageSize(20));
        try (Collector collector = collector()) {
            collector.collectOnce(List.of(target(orgId, FAST)), line -> { });
            int before = publishedClients(orgId).size();
            simulator.faults().listingDrift(true);

            OrgReport drifted = collector.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0);

            assertThat(drifted.verified()).isFalse();
            assertThat(drifted.failureReasons()).contains("LISTING_DRIFT");
            assertThat(drifted.tombstones()).isZero();
            assertThat(publishedClients(orgId)).as("the previous verified registry stands").hasSize(before);
            SnapshotManifest manifest = latestManifest(orgId);
            assertThat(manifest.getVerified()).isFalse();
            assertThat(manifest.getSnapshotId()).isEqualTo(drifted.snapshotId());
        }
    }

    @Test
    void aVanishedClientGetsATombstoneAfterTheNextVerifiedSnapshot() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(30).seed(104));
        try (Collector collector = collector()) {
            collector.collectOnce(List.of(target(orgId, FAST)), line -> { });
            String gone = simulator.organization(orgId).listClients(Instant.now()).stream()
                    .filter(c -> !c.name().isBlank()).filter(c -> simulator.identities(orgId).stream().noneMatch(i -> i.clientId().equals(c.id())))
                    .findFirst().orElseThrow().id();
            simulator.organization(orgId).remove(gone);

            OrgReport report = collector.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0);

            assertThat(report.verified()).isTrue();
            assertThat(report.tombstones()).isEqualTo(1);
            assertThat(publishedClients(orgId)).doesNotContainKey(gone);
        }
    }

    @Test
    void aRestartResumesFromTheCheckpointWithNoDuplicateAndNoMissingEvidence() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(40).seed(105));
        try (Collector first = collector()) {
            first.collectOnce(List.of(target(orgId, FAST)), line -> { });
        }
        String used = simulator.organization(orgId).listClients(Instant.now()).get(3).id();
        simulator.recordUse(orgId, used, Instant.now());

        try (Collector restarted = collector()) {
            restarted.collectOnce(List.of(target(orgId, FAST)), line -> { });
        }

        List<ActivityEvidence> evidence = evidenceOf(orgId);
        assertThat(evidence.stream().map(ActivityEvidence::getEvidenceId)).as("no evidence published twice").doesNotHaveDuplicates();
        assertThat(evidence).as("the use after the first run was collected by the restarted collector")
                .anySatisfy(e -> {
                    assertThat(e.getClientId()).isEqualTo(used);
                    assertThat(e.getEventAt()).isAfter(Instant.now().minusSeconds(300));
                });
    }

    @Test
    void aRunThatFailsPartWayPublishesNothingAndTheNextRunResumesWithoutDuplicatesOrGaps() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1)
                .clientsPerOrg(30).seed(108));
        OrgTarget target = target(orgId, FAST);
        try (Collector collector = collector()) {
            OrgReport first = collector.collectOnce(List.of(target), line -> { }).get(0);
            assertThat(first.evidenceError()).isNull();
        }
        List<ActivityEvidence> before = evidenceOf(orgId);
        String used = simulator.organization(orgId).listClients(Instant.now()).get(5).id();
        simulator.recordUse(orgId, used, Instant.now());

        try (Collector interrupted = collector()) {
            // The platform fails every call of this run (503 until cleared): the evidence read dies part-way.
            simulator.faults().serverErrors(FaultTarget.everyone(), FaultLimit.untilCleared(), 503);
            OrgReport failed = interrupted.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0);
            assertThat(failed.evidenceError()).as("the run failed mid-way").isNotNull();
            assertThat(useEvidenceOf(orgId)).as("nothing half-published").hasSameSizeAs(useEvidenceOf(before));
            List<ActivityEvidence> coverage = evidenceOf(orgId).stream()
                    .filter(e -> e.getRelation() == EvidenceRelation.COVERAGE).toList();
            EvidenceCoverage firstRun = coverage.get(0).getCoverage();
            EvidenceCoverage failedRun = coverage.get(coverage.size() - 1).getCoverage();
            assertThat(failedRun.getUsageThrough()).as("a failed read never extends coverage").isEqualTo(firstRun.getUsageThrough());
            assertThat(failedRun.getAuditThrough()).isEqualTo(firstRun.getAuditThrough());
            assertThat(failedRun.getGaps()).as("the failed interval is named").isNotEmpty()
                    .allSatisfy(gap -> assertThat(gap.getReason()).isEqualTo("API_ERROR"));
        }
        simulator.faults().clear();
        try (Collector restarted = collector()) {
            OrgReport resumed = restarted.collectOnce(List.of(target(orgId, FAST)), line -> { }).get(0);
            assertThat(resumed.evidenceError()).isNull();
        }

        List<ActivityEvidence> after = evidenceOf(orgId);
        assertThat(after.stream().map(ActivityEvidence::getEvidenceId)).doesNotHaveDuplicates();
        assertThat(after).as("the use during the failed run is not lost")
                .anySatisfy(e -> {
                    assertThat(e.getClientId()).isEqualTo(used);
                    assertThat(e.getEventAt()).isAfter(Instant.now().minusSeconds(600));
                });
    }

    @Test
    void neverExceedsAKnownPerIdentityLimit() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(40).seed(106)
                .identityRateLimit(40).rateWindow(Duration.ofSeconds(2)));
        OrgTarget target = target(orgId, GovernanceConfig.defaults().withRequestsPerWindow(40).withWindow(Duration.ofSeconds(2)));

        try (Collector collector = collector()) {
            OrgReport report = collector.collectOnce(List.of(target), line -> { }).get(0);

            assertThat(report.verified()).isTrue();
            assertThat(report.calls()).as("enough calls to cross several windows").isGreaterThan(40);
        }
        assertThat(simulator.metrics().throttled(target.api().identity().clientId())).as("429s").isZero();
    }

    @Test
    void recoversFromAn429StormAndStillVerifiesTheSnapshot() {
        String orgId = startSimulator(GenesysSimulator.builder().identityRateLimit(GENEROUS_LIMIT).orgRateLimit(0).orgs(1).clientsPerOrg(30).seed(107));
        OrgTarget target = target(orgId, FAST);
        simulator.faults().throttle(FaultTarget.identity(target.api().identity().clientId()), FaultLimit.calls(4), 1);

        try (Collector collector = collector()) {
            OrgReport report = collector.collectOnce(List.of(target), line -> { }).get(0);

            assertThat(report.verified()).isTrue();
            assertThat(report.throttled()).isEqualTo(4);
            assertThat(report.evidenceError()).isNull();
        }
    }

    private List<SnapshotManifest> manifestsOf(String orgId) {
        List<SnapshotManifest> manifests = new ArrayList<>();
        readAll(topics.snapshots(), r -> {
            if (r.getOrgId().equals(orgId)) {
                manifests.add(r);
            }
        });
        return manifests;
    }

    private SnapshotManifest latestManifest(String orgId) {
        List<SnapshotManifest> manifests = manifestsOf(orgId);
        return manifests.get(manifests.size() - 1);
    }

    private List<ActivityEvidence> useEvidenceOf(String orgId) {
        return useEvidenceOf(evidenceOf(orgId));
    }

    private static AuthorizationSnapshot authorizationOf(String orgId) {
        return TopicTableReader.readAll(topics.authorization(), kafka(), Duration.ofSeconds(30)).get(new OrgKey(orgId));
    }

    private static List<ActivityEvidence> useEvidenceOf(List<ActivityEvidence> evidence) {
        return evidence.stream().filter(e -> e.getRelation() != EvidenceRelation.COVERAGE).toList();
    }

    private List<ActivityEvidence> evidenceOf(String orgId) {
        List<ActivityEvidence> evidence = new ArrayList<>();
        readAll(topics.activity(), r -> {
            if (r.getOrgId().equals(orgId)) {
                evidence.add(r);
            }
        });
        return evidence;
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> void readAll(Topic<K, V> topic, java.util.function.Consumer<V> sink) {
        TopicLogReader.readAll(topic, kafka(), Duration.ofSeconds(30)).stream()
                .map(TopicLogReader.Entry::value).filter(java.util.Objects::nonNull).forEach(sink);
    }

    /** Every byte on every catalog topic, as text: what a secret scanner would see. */
    private static String allTopicBytesAsText() {
        StringBuilder text = new StringBuilder();
        try (var consumer = new KafkaConsumer<>(kafka(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            TopicCatalog.ALL.forEach(t -> consumer.partitionsFor(t.name()).forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        text.append(new String(r.key(), StandardCharsets.ISO_8859_1));
                    }
                    if (r.value() != null) {
                        text.append(new String(r.value(), StandardCharsets.ISO_8859_1)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }
}
