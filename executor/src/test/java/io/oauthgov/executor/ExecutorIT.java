package io.oauthgov.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.ControlAction;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.executor.reconcile.ReconcileReport;
import io.oauthgov.executor.reconcile.ReconcileStatus;
import io.oauthgov.executor.reconcile.Reconciliation;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.RequestLog;
import io.oauthgov.simulator.faults.FaultLimit;
import io.oauthgov.simulator.faults.FaultTarget;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor against the simulator on a real broker: dry run, both phases with a quarantine of seconds, restores,
 * 429 storms, the kill switch and bad input. Each test has its own simulated org, consumer group and transactional id.
 */
class ExecutorIT extends SimulatedOrgOnSharedBroker {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration QUARANTINE = Duration.ofSeconds(2);

    private ExecutorFixture organization(int clients) {
        return organization(clients, 700 + SEQUENCE.incrementAndGet());
    }

    private static ExecutorSettings settings(boolean execute) {
        int n = SEQUENCE.incrementAndGet();
        return ExecutorSettings.defaults().withExecute(execute).withQuarantine(QUARANTINE)
                .withGroupId("executor-it-" + n).withTransactionalId("executor-it-" + n)
                .withTrust(ExecutorFixture.TRUST).withLimits(ExecutorFixture.NO_LIMITS);
    }

    private List<ApprovedDeletion> approveCandidatesAndProtected() {
        List<ClientTruth> chosen = new ArrayList<>(fixture.truth(Category.STALE_UNUSED, Category.DISABLED_LONG_AGO,
                Category.CHANGES_MID_RUN, Category.VANISHES_MID_RUN));
        chosen.addAll(fixture.truth(Category.PROTECTED).subList(0, 2)); // the gate would stop these; the executor must too
        List<ApprovedDeletion> approvals = fixture.approve(chosen);
        simulator.triggerMidRunChanges(fixture.orgId); // after approval: some change, some vanish
        return approvals;
    }

    private static String expected(ClientTruth truth) {
        return truth.category() == Category.PROTECTED ? "BLOCKED_PROTECTED" : truth.expected().outcome();
    }

    @Test
    void dryRunAnswersEveryApprovalAndChangesNothing() throws Exception {
        organization(100);
        List<ApprovedDeletion> approvals = approveCandidatesAndProtected();
        fixture.publishApprovals(approvals);

        try (var running = fixture.start(settings(false), KNOWN_LIMIT)) {
            Map<String, OutcomeKind> kinds = fixture.awaitTerminal(approvals, Duration.ofSeconds(60));
            for (ClientTruth truth : fixture.truth(Category.STALE_UNUSED, Category.DISABLED_LONG_AGO)) {
                assertThat(kinds.get(truth.id())).as(truth.name()).isEqualTo(OutcomeKind.DRY_RUN);
            }
            fixture.truth(Category.CHANGES_MID_RUN).forEach(t -> assertThat(kinds.get(t.id())).isEqualTo(OutcomeKind.CONFLICT_SKIPPED));
            fixture.truth(Category.VANISHES_MID_RUN).forEach(t -> assertThat(kinds.get(t.id())).isEqualTo(OutcomeKind.ALREADY_ABSENT));
        }
        assertThat(simulator.deletionLog().deletions()).isEmpty();
        assertThat(simulator.requestLog().matching(e -> !e.method().equals("GET") && e.identity() != null
                && e.identity().equals(fixture.executorIdentity().clientId()))).as("no PUT or DELETE in a dry run").isEmpty();
        assertThat(fixture.outcomes()).hasSize(approvals.size());
    }

    @Test
    void executeDeactivatesThenDeletesExactlyTheApprovedUnchangedUnprotectedClients() throws Exception {
        organization(100);
        List<ApprovedDeletion> approvals = approveCandidatesAndProtected();
        fixture.publishApprovals(approvals);

        Map<String, OutcomeKind> kinds;
        try (var running = fixture.start(settings(true), KNOWN_LIMIT)) {
            kinds = fixture.awaitTerminal(approvals, Duration.ofSeconds(120));
        }
        List<ClientTruth> approved = new ArrayList<>(fixture.truth(Category.STALE_UNUSED, Category.DISABLED_LONG_AGO,
                Category.CHANGES_MID_RUN, Category.VANISHES_MID_RUN));
        approved.addAll(fixture.truth(Category.PROTECTED).subList(0, 2));
        for (ClientTruth truth : approved) {
            assertThat(kinds.get(truth.id()).name()).as(truth.category() + " " + truth.name()).isEqualTo(expected(truth));
        }
        Set<String> deletedBySimulator = simulator.deletionLog().deletions().stream().map(d -> d.clientId()).collect(Collectors.toSet());
        Set<String> reportedDeleted = kinds.entrySet().stream().filter(e -> e.getValue() == OutcomeKind.DELETED)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(deletedBySimulator).isEqualTo(reportedDeleted).isNotEmpty();
        assertThat(simulator.deletionLog().deletions()).hasSize(reportedDeleted.size());

        // both phases, in order: every deleted client was first deactivated, and waited out its quarantine
        Map<String, List<Outcome>> byClient = fixture.outcomes().stream().collect(Collectors.groupingBy(Outcome::getClientId));
        for (String clientId : reportedDeleted) {
            List<Outcome> history = byClient.get(clientId);
            assertThat(history).extracting(Outcome::getKind).containsExactly(OutcomeKind.DEACTIVATED, OutcomeKind.DELETED);
            assertThat(Duration.between(history.get(0).getFinishedAt(), history.get(1).getFinishedAt())).isGreaterThanOrEqualTo(QUARANTINE);
        }
        assertThat(simulator.metrics().throttled(fixture.executorIdentity().clientId())).as("429s under a known limit").isZero();

        ReconcileReport report = new Reconciliation(topics, kafka(), java.time.Clock.systemUTC())
                .run(Instant.EPOCH, Map.of(fixture.orgId, fixture.executorApi(KNOWN_LIMIT)), line -> { });
        List<ReconcileReport.Line> ours = report.approvals().stream().filter(l -> l.orgId().equals(fixture.orgId)).toList();
        assertThat(ours).hasSize(approvals.size());
        assertThat(ours.stream().filter(l -> l.status() == ReconcileStatus.DELETED).count())
                .as("reconcile agrees with the simulator's deletion log").isEqualTo(simulator.deletionLog().deletions().size());
        assertThat(ours).noneMatch(l -> l.status() == ReconcileStatus.PENDING || l.status() == ReconcileStatus.IN_QUARANTINE);
        assertThat(report.reportedDeletedButLive()).isEmpty();
    }

    @Test
    void quarantinedClientUsedChangedProtectedOrRestoredByAnOperatorIsRestoredNotDeleted() throws Exception {
        organization(100);
        List<ClientTruth> stale = fixture.truth(Category.STALE_UNUSED).subList(0, 5);
        List<ApprovedDeletion> approvals = fixture.approve(stale);
        fixture.publishApprovals(approvals);
        ClientTruth used = stale.get(0);
        ClientTruth changed = stale.get(1);
        ClientTruth protectedLater = stale.get(2);
        ClientTruth operatorRestored = stale.get(3);

        try (var running = fixture.start(settings(true).withQuarantine(Duration.ofSeconds(8)), KNOWN_LIMIT)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    fixture.outcomes().stream().filter(o -> o.getKind() == OutcomeKind.DEACTIVATED).count() == stale.size());
            simulator.recordUse(fixture.orgId, used.id(), Instant.now());
            simulator.updateClient(fixture.orgId, changed.id(), c -> c.withScopeAndDescription(
                    List.of("users:readonly", "analytics:readonly"), "still needed by reporting", Instant.now(),
                    new io.oauthgov.simulator.model.EntityRef("admin-1", "Alice Admin")));
            fixture.protect(protectedLater.id());
            fixture.control(ControlAction.RESTORE, fixture.orgId, operatorRestored.id());

            Map<String, OutcomeKind> kinds = fixture.awaitTerminal(approvals, Duration.ofSeconds(60));
            assertThat(kinds).containsEntry(used.id(), OutcomeKind.RESTORED).containsEntry(changed.id(), OutcomeKind.RESTORED)
                    .containsEntry(protectedLater.id(), OutcomeKind.RESTORED).containsEntry(operatorRestored.id(), OutcomeKind.RESTORED)
                    .containsEntry(stale.get(4).id(), OutcomeKind.DELETED);
        }
        for (ClientTruth restored : List.of(used, changed, protectedLater, operatorRestored)) {
            assertThat(simulator.client(fixture.orgId, restored.id()).orElseThrow().state().wireName()).isEqualTo("active");
            assertThat(simulator.deletionLog().wasDeleted(restored.id())).isFalse();
        }
        List<RiskEvent> why = TopicLogReader.readAll(topics.risk(), kafka(), Duration.ofSeconds(30)).stream()
                .map(TopicLogReader.Entry::value).filter(r -> r != null && r.getOrgId().equals(fixture.orgId)).toList();
        assertThat(why).extracting(RiskEvent::getClientId).containsExactlyInAnyOrder(used.id(), changed.id(), protectedLater.id(), operatorRestored.id());
        assertThat(why).filteredOn(r -> r.getClientId().equals(used.id())).first()
                .satisfies(r -> assertThat(r.getCandidateNote()).contains("used during the quarantine"));
    }

    @Test
    void finishesEveryApprovalThroughA429StormHonouringRetryAfter() throws Exception {
        organization(60);
        List<ApprovedDeletion> approvals = fixture.approve(fixture.truth(Category.STALE_UNUSED, Category.DISABLED_LONG_AGO));
        String identity = fixture.executorIdentity().clientId();
        simulator.faults().throttle(FaultTarget.identity(identity), FaultLimit.calls(12), 1);
        fixture.publishApprovals(approvals);

        Map<String, OutcomeKind> kinds;
        try (var running = fixture.start(settings(true).withQuarantine(Duration.ofSeconds(1)), KNOWN_LIMIT)) {
            kinds = fixture.awaitTerminal(approvals, Duration.ofSeconds(120));
        }
        assertThat(kinds.values()).containsOnly(OutcomeKind.DELETED);
        List<RequestLog.Entry> calls = simulator.requestLog().matching(e -> identity.equals(e.identity()));
        assertThat(calls).filteredOn(e -> e.status() == 429).hasSize(12);
        for (int i = 0; i < calls.size() - 1; i++) {
            if (calls.get(i).status() == 429) {
                assertThat(Duration.between(calls.get(i).at(), calls.get(i + 1).at()))
                        .as("the call after a 429 waits out Retry-After: 1 s").isGreaterThanOrEqualTo(Duration.ofMillis(950));
            }
        }
    }

    @Test
    void oneIdentityUnderA429StormDoesNotSlowAnother() throws Exception {
        simulator = simulated(2, 60, 700 + SEQUENCE.incrementAndGet()).start();
        ExecutorFixture stormy = new ExecutorFixture(topics, kafka(), simulator, 0);
        ExecutorFixture calm = new ExecutorFixture(topics, kafka(), simulator, 1);
        List<ApprovedDeletion> stormyApprovals = stormy.approve(stormy.truth(Category.STALE_UNUSED));
        List<ApprovedDeletion> calmApprovals = calm.approve(calm.truth(Category.STALE_UNUSED));
        simulator.faults().throttle(FaultTarget.identity(stormy.executorIdentity().clientId()), FaultLimit.lasting(Duration.ofSeconds(8)), 2);
        Instant stormStarts = Instant.now();
        stormy.publishApprovals(stormyApprovals);
        calm.publishApprovals(calmApprovals);

        try (var running = stormy.start(settings(false), List.of(stormy.executorApi(KNOWN_LIMIT), calm.executorApi(KNOWN_LIMIT)))) {
            calm.awaitTerminal(calmApprovals, Duration.ofSeconds(30));
            Instant calmDone = calm.outcomes().stream().map(Outcome::getFinishedAt).max(Instant::compareTo).orElseThrow();
            assertThat(Duration.between(stormStarts, calmDone)).as("the calm identity finished while the other was throttled")
                    .isLessThan(Duration.ofSeconds(8));
            stormy.awaitTerminal(stormyApprovals, Duration.ofSeconds(60));
        }
        Instant stormyFirst = stormy.outcomes().stream().map(Outcome::getFinishedAt).min(Instant::compareTo).orElseThrow();
        assertThat(stormyFirst).as("the stormy identity waited the storm out").isAfter(stormStarts.plusSeconds(7));
        assertThat(simulator.metrics().throttled(calm.executorIdentity().clientId())).isZero();
    }

    @Test
    void killSwitchStopsChangesWithinASecondAndReleasingItResumes(@TempDir Path dir) throws Exception {
        organization(100);
        List<ApprovedDeletion> approvals = fixture.approve(fixture.truth(Category.STALE_UNUSED));
        String identity = fixture.executorIdentity().clientId();
        // slow enough that the switch lands mid-run: 5 calls/s
        GovernanceConfig slow = GovernanceConfig.defaults().withRequestsPerWindow(50).withWindow(WINDOW);
        Path killFile = dir.resolve("STOP");
        fixture.publishApprovals(approvals);

        try (var running = fixture.start(settings(true).withQuarantine(Duration.ofSeconds(1)).withKillSwitchFile(killFile), slow)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fixture.outcomes().size() >= 3);
            fixture.control(ControlAction.KILL_SWITCH_ON, fixture.orgId, null);
            Instant engaged = Instant.now();
            Thread.sleep(4_000);
            List<RequestLog.Entry> changesAfter = simulator.requestLog().matching(e -> identity.equals(e.identity())
                    && !e.method().equals("GET") && !e.path().contains("/usage/") && e.at().isAfter(engaged.plusSeconds(1)));
            assertThat(changesAfter).as("no PUT or DELETE later than 1 s after the kill switch").isEmpty();
            int answered = fixture.outcomes().size();

            fixture.control(ControlAction.KILL_SWITCH_OFF, fixture.orgId, null);
            Files.writeString(killFile, "stop", StandardCharsets.UTF_8); // the file stops it just the same
            Thread.sleep(2_000);
            assertThat(fixture.outcomes().size()).as("nothing changes while the file exists").isLessThanOrEqualTo(answered + 1);
            Files.delete(killFile);

            Map<String, OutcomeKind> kinds = fixture.awaitTerminal(approvals, Duration.ofSeconds(120));
            assertThat(kinds.values()).containsOnly(OutcomeKind.DELETED);
        }
    }

    @Test
    void unreadableUnknownOrFingerprintlessApprovalsAreRejectedAndNeverReachTheApi() throws Exception {
        organization(40);
        ClientTruth stale = fixture.truth(Category.STALE_UNUSED).get(0);
        ApprovedDeletion good = fixture.approve(List.of(stale)).get(0);
        // each signed, so what refuses it is the reason under test and not its signature
        ApprovedDeletion unknownOrg = ExecutorFixture.signed(ApprovedDeletion.newBuilder(good).setApprovalId("appr-unknown-org").setOrgId("no-such-org").build());
        ApprovedDeletion unknownIdentity = ExecutorFixture.signed(ApprovedDeletion.newBuilder(good).setApprovalId("appr-unknown-identity").setIdentityId("someone-else").build());
        ApprovedDeletion noFingerprint = ApprovedDeletion.newBuilder(good).setApprovalId("appr-no-fp").setFingerprint("").build();
        ApprovedDeletion repeated = ApprovedDeletion.newBuilder(good).build();
        fixture.publishRaw("not avro".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8));
        fixture.publishApprovals(List.of(unknownOrg, unknownIdentity, noFingerprint, good, repeated));

        try (var running = fixture.start(settings(true), KNOWN_LIMIT)) {
            fixture.awaitTerminal(List.of(good), Duration.ofSeconds(60));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rejectionsFor(good).size() >= 5);
        }
        assertThat(rejectionsFor(good)).extracting(Rejection::getReason).contains(RejectionReason.UNKNOWN_ORG,
                RejectionReason.UNKNOWN_IDENTITY, RejectionReason.MISSING_FINGERPRINT, RejectionReason.DUPLICATE_APPROVAL,
                RejectionReason.DESERIALIZATION_FAILED);
        assertThat(fixture.terminalByApproval().get(good.getApprovalId())).hasSize(1);
        assertThat(simulator.requestLog().matching(e -> e.path().endsWith("/" + stale.id()) && !e.method().equals("GET")))
                .as("only the good approval reached the API, once: one deactivation, one delete")
                .extracting(RequestLog.Entry::method).containsExactly("PUT", "DELETE");
    }

    @Test
    void stopWhenIdleLeavesAQuarantineLongerThanTheIdleTimeOpenAndTheNextRunEndsIt() throws Exception {
        organization(40);
        ClientTruth stale = fixture.truth(Category.STALE_UNUSED).get(0);
        List<ApprovedDeletion> approvals = fixture.approve(List.of(stale));
        fixture.publishApprovals(approvals);
        Duration quarantine = Duration.ofSeconds(8);
        ExecutorSettings settings = settings(true).withQuarantine(quarantine);

        // first run: idle for 1 s after the deactivation, with the quarantine due in about 8 s → it stops and leaves it open
        var first = fixture.start(settings.withStopWhenIdle(Duration.ofSeconds(1)), KNOWN_LIMIT);
        first.thread.join(30_000);
        Instant firstStopped = Instant.now();
        assertThat(first.thread.isAlive()).as("the first run stops by itself once idle").isFalse();
        assertThat(first.failure).isNull();
        QuarantineEntry open = TopicTableReader.readAll(topics.quarantine(), kafka(), Duration.ofSeconds(30))
                .get(new ClientKey(fixture.orgId, stale.id()));
        assertThat(open).as("the quarantine stays open in its topic").isNotNull();
        assertThat(firstStopped).as("stopped before the quarantine was due, not after waiting it out").isBefore(open.getReleaseAt());
        assertThat(first.executor.leftOpen()).isEqualTo(new OpenQuarantines(1, open.getReleaseAt()));
        assertThat(fixture.outcomes()).extracting(Outcome::getKind).containsExactly(OutcomeKind.DEACTIVATED);
        assertThat(simulator.deletionLog().wasDeleted(stale.id())).isFalse();

        // second run, same group: the quarantine falls due within its idle time, so it waits, deletes, then stops
        var second = fixture.start(settings.withStopWhenIdle(Duration.ofSeconds(10)), KNOWN_LIMIT);
        second.thread.join(60_000);
        assertThat(second.thread.isAlive()).as("the second run stops by itself once idle").isFalse();
        assertThat(second.failure).isNull();
        assertThat(fixture.outcomes()).extracting(Outcome::getKind).containsExactly(OutcomeKind.DEACTIVATED, OutcomeKind.DELETED);
        assertThat(simulator.deletionLog().wasDeleted(stale.id())).isTrue();
        assertThat(second.executor.leftOpen().count()).isZero();
    }

    @Test
    void stopWhenCaughtUpEndsADryRunOnceEveryApprovalOnTheTopicIsAnsweredAndCommitted() throws Exception {
        organization(100);
        List<ApprovedDeletion> approvals = approveCandidatesAndProtected();
        fixture.publishApprovals(approvals);

        // no idle rule: only being caught up can end this run
        var run = fixture.start(settings(false).withStopWhenCaughtUp(true), KNOWN_LIMIT);
        run.thread.join(60_000);
        assertThat(run.thread.isAlive()).as("the run stops by itself once caught up").isFalse();
        assertThat(run.failure).isNull();
        assertThat(fixture.outcomes()).as("every approval answered, and committed before it stopped")
                .extracting(Outcome::getApprovalId)
                .containsExactlyInAnyOrderElementsOf(approvals.stream().map(ApprovedDeletion::getApprovalId).toList());
        assertThat(simulator.deletionLog().deletions()).isEmpty();
    }

    @Test
    void stopWhenCaughtUpWaitsForTheQuarantinesItBeganToEndInTheirDelete() throws Exception {
        organization(40);
        ClientTruth stale = fixture.truth(Category.STALE_UNUSED).get(0);
        fixture.publishApprovals(fixture.approve(List.of(stale)));

        var run = fixture.start(settings(true).withStopWhenCaughtUp(true), KNOWN_LIMIT);
        run.thread.join(60_000);
        assertThat(run.thread.isAlive()).as("the run stops by itself once its quarantine ended").isFalse();
        assertThat(run.failure).isNull();
        assertThat(fixture.outcomes()).extracting(Outcome::getKind).containsExactly(OutcomeKind.DEACTIVATED, OutcomeKind.DELETED);
        assertThat(simulator.deletionLog().wasDeleted(stale.id())).isTrue();
        assertThat(run.executor.leftOpen().count()).isZero();
    }

    /** Rejections published after this test's approvals were made (the topic holds earlier tests' too). */
    private List<Rejection> rejectionsFor(ApprovedDeletion good) {
        return TopicLogReader.readAll(topics.rejected(), kafka(), Duration.ofSeconds(30)).stream().map(TopicLogReader.Entry::value)
                .filter(r -> r != null && r.getStage().name().equals("EXECUTOR") && !r.getRejectedAt().isBefore(good.getApprovedAt())
                        && (r.getApprovalId() == null || r.getApprovalId().startsWith("appr-")))
                .toList();
    }
}
