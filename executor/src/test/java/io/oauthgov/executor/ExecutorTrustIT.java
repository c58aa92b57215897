package io.oauthgov.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.ControlAction;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What the executor refuses to trust, on a real broker against the simulator: approved deletions that do not verify,
 * approvals that expire while they wait, clients used after they were judged, bare tombstones and garbage on the
 * control and registry topics, and more deactivations than the blast-radius limits allow. Each test has its own
 * simulated org, consumer group and transactional id; one broker for the class.
 */
class ExecutorTrustIT extends SimulatedOrgOnSharedBroker {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Long enough that a deactivated client is still in quarantine when the test ends: these tests are about phase one. */
    private static final Duration LONG_QUARANTINE = Duration.ofMinutes(10);

    private ExecutorFixture organization(int clients) {
        return organization(clients, 1300 + SEQUENCE.incrementAndGet());
    }

    private static ExecutorSettings executing(String name) {
        String id = "trust-it-" + name + "-" + SEQUENCE.incrementAndGet();
        return ExecutorSettings.defaults().withExecute(true).withQuarantine(LONG_QUARANTINE).withGroupId(id).withTransactionalId(id)
                .withTrust(ExecutorFixture.TRUST).withLimits(ExecutorFixture.NO_LIMITS);
    }

    private Map<String, RejectionReason> rejectionsByApproval(List<ApprovedDeletion> approvals) {
        List<String> ids = approvals.stream().map(ApprovedDeletion::getApprovalId).toList();
        return fixture.executorRejections().stream().filter(r -> ids.contains(r.getApprovalId()))
                .collect(Collectors.toMap(Rejection::getApprovalId, Rejection::getReason, (a, b) -> a));
    }

    private List<Outcome> outcomesOf(List<ApprovedDeletion> approvals) {
        List<String> ids = approvals.stream().map(ApprovedDeletion::getApprovalId).toList();
        return fixture.outcomes().stream().filter(o -> ids.contains(o.getApprovalId())).toList();
    }

    @Test
    void forgedUnsignedTamperedExpiredOrUnauthorizedApprovedDeletionsChangeNothingAndAreRejectedWithTheirReason() throws Exception {
        organization(60);
        List<ClientTruth> stale = fixture.truth(Category.STALE_UNUSED);
        ClientTruth inUse = fixture.truth(Category.ACTIVE_IN_USE).get(0);
        List<ApprovedDeletion> made = fixture.approve(List.of(stale.get(0), stale.get(1), stale.get(2), stale.get(3), inUse, stale.get(4)));
        // what the attacker wrote straight to the topic: no signature, an approver and policy nobody configured
        ApprovedDeletion raw = ApprovedDeletion.newBuilder(made.get(0)).setSignature(null).setApprover("nobody").setPolicyId("forged").build();
        ApprovedDeletion forged = ExecutorFixture.signed(made.get(1), "an-attackers-own-key-0123456789ab".getBytes(StandardCharsets.UTF_8));
        ApprovedDeletion tampered = ApprovedDeletion.newBuilder(made.get(2)).setExpiresAt(Instant.now().plus(Duration.ofDays(365))).build();
        ApprovedDeletion expired = ExecutorFixture.signed(ApprovedDeletion.newBuilder(made.get(3))
                .setApprovedAt(Instant.now().minusSeconds(300)).setExpiresAt(Instant.now().minusSeconds(180)).build());
        ApprovedDeletion unauthorized = ExecutorFixture.signed(ApprovedDeletion.newBuilder(made.get(4)).setApprover("intern@oauthgov.test").build());
        ApprovedDeletion good = made.get(5);
        List<ApprovedDeletion> bad = List.of(raw, forged, tampered, expired, unauthorized);
        fixture.publishApprovals(List.of(raw, forged, tampered, expired, unauthorized, good));

        try (var running = fixture.start(executing("forged"), KNOWN_LIMIT)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !outcomesOf(List.of(good)).isEmpty()
                    && rejectionsByApproval(bad).size() == bad.size());
        }
        assertThat(rejectionsByApproval(bad)).containsEntry(raw.getApprovalId(), RejectionReason.BAD_SIGNATURE)
                .containsEntry(forged.getApprovalId(), RejectionReason.BAD_SIGNATURE)
                .containsEntry(tampered.getApprovalId(), RejectionReason.BAD_SIGNATURE)
                .containsEntry(expired.getApprovalId(), RejectionReason.EXPIRED)
                .containsEntry(unauthorized.getApprovalId(), RejectionReason.UNAUTHORIZED_APPROVER);
        assertThat(outcomesOf(bad)).as("a refused approval is not acted on").isEmpty();
        for (ApprovedDeletion refused : bad) {
            assertThat(fixture.changesTo(refused.getClientId())).as(refused.getClientId()).isEmpty();
        }
        assertThat(outcomesOf(List.of(good))).extracting(Outcome::getKind).containsExactly(OutcomeKind.DEACTIVATED);
    }

    @Test
    void anApprovalThatExpiresWhileTheKillSwitchHoldsItIsRefusedBeforeThePut() throws Exception {
        organization(40);
        ClientTruth client = fixture.truth(Category.STALE_UNUSED).get(0);
        fixture.control(ControlAction.KILL_SWITCH_ON, fixture.orgId, null);

        try (var running = fixture.start(executing("expiring"), KNOWN_LIMIT)) {
            // published once the executor runs, so it is valid when it arrives and expires while the switch holds it
            ApprovedDeletion shortLived = ExecutorFixture.signed(ApprovedDeletion.newBuilder(fixture.approve(List.of(client)).get(0))
                    .setExpiresAt(Instant.now().plusSeconds(3)).build());
            fixture.publishApprovals(List.of(shortLived));
            Thread.sleep(Duration.between(Instant.now(), shortLived.getExpiresAt()).plusSeconds(1).toMillis()); // valid at intake, held
            fixture.control(ControlAction.KILL_SWITCH_OFF, fixture.orgId, null);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rejectionsByApproval(List.of(shortLived)).size() == 1);
            assertThat(rejectionsByApproval(List.of(shortLived))).containsEntry(shortLived.getApprovalId(), RejectionReason.EXPIRED);
            assertThat(outcomesOf(List.of(shortLived))).isEmpty();
        }
        assertThat(fixture.changesTo(client.id())).isEmpty();
    }

    @Test
    void aClientUsedAfterItWasJudgedIsNotDeactivated() throws Exception {
        organization(60);
        List<ClientTruth> stale = fixture.truth(Category.STALE_UNUSED).subList(0, 3);
        List<ApprovedDeletion> approvals = fixture.approve(stale);
        ClientTruth usedPerUsageApi = stale.get(0);
        ClientTruth usedPerActivityTopic = stale.get(1);
        simulator.recordUse(fixture.orgId, usedPerUsageApi.id(), Instant.now());
        fixture.publishUse(usedPerActivityTopic.id(), Instant.now()); // the collector saw it; the simulator's usage API does not
        fixture.publishApprovals(approvals);

        try (var running = fixture.start(executing("in-use"), KNOWN_LIMIT)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outcomesOf(approvals).size() == 3);
        }
        Map<String, OutcomeKind> kinds = outcomesOf(approvals).stream().collect(Collectors.toMap(Outcome::getClientId, Outcome::getKind));
        assertThat(kinds).containsEntry(usedPerUsageApi.id(), OutcomeKind.IN_USE).containsEntry(usedPerActivityTopic.id(), OutcomeKind.IN_USE)
                .containsEntry(stale.get(2).id(), OutcomeKind.DEACTIVATED);
        assertThat(fixture.changesTo(usedPerUsageApi.id())).isEmpty();
        assertThat(fixture.changesTo(usedPerActivityTopic.id())).isEmpty();
        assertThat(simulator.client(fixture.orgId, usedPerUsageApi.id()).orElseThrow().state().wireName()).isEqualTo("active");
    }

    @Test
    void tombstonesAndGarbageOnTheControlTopicNeitherEngageNorReleaseTheKillSwitchAcrossARestart() throws Exception {
        organization(60);
        List<ClientTruth> stale = fixture.truth(Category.STALE_UNUSED);
        String control = topics.control().name();
        byte[] orgKey = topics.control().keySerde().serializer().serialize(control, new OrgKey(fixture.orgId));
        byte[] allKey = topics.control().keySerde().serializer().serialize(control, new OrgKey("*"));
        RecordMetadata garbage = fixture.publishRaw(control, "junk".getBytes(StandardCharsets.UTF_8), "not a command".getBytes(StandardCharsets.UTF_8));
        RecordMetadata allTombstone = fixture.publishRaw(control, allKey, null);
        ExecutorSettings settings = executing("control");

        // neither engages: with only garbage and tombstones on the topic, changes go ahead
        ApprovedDeletion first = fixture.approve(List.of(stale.get(0))).get(0);
        fixture.publishApprovals(List.of(first));
        try (var running = fixture.start(settings, KNOWN_LIMIT)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !outcomesOf(List.of(first)).isEmpty());
            fixture.control(ControlAction.KILL_SWITCH_ON, fixture.orgId, null);
            fixture.publishRaw(control, orgKey, null); // what erased KILL_SWITCH_ON once the topic was compacted
            Thread.sleep(1_000);
        }
        assertThat(outcomesOf(List.of(first))).extracting(Outcome::getKind).containsExactly(OutcomeKind.DEACTIVATED);

        // neither releases: a restarted executor reads the ON behind the tombstone and changes nothing
        ApprovedDeletion second = fixture.approve(List.of(stale.get(1))).get(0);
        fixture.publishApprovals(List.of(second));
        try (var running = fixture.start(settings, KNOWN_LIMIT)) {
            Thread.sleep(4_000);
            assertThat(fixture.changesTo(second.getClientId())).as("the kill switch is still on after a restart").isEmpty();
            assertThat(running.executor.stats().health()).isEqualTo(ExecutorHealth.RUNNING);
            fixture.control(ControlAction.KILL_SWITCH_OFF, fixture.orgId, null);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !outcomesOf(List.of(second)).isEmpty());
        }
        assertThat(outcomesOf(List.of(second))).extracting(Outcome::getKind).containsExactly(OutcomeKind.DEACTIVATED);

        List<Rejection> refused = fixture.executorRejections().stream().filter(r -> control.equals(r.getSourceTopic())).toList();
        assertThat(refused).anySatisfy(r -> assertThat(r.getSourceOffset()).isEqualTo(garbage.offset()))
                .filteredOn(r -> r.getSourceOffset() == garbage.offset()).extracting(Rejection::getReason)
                .containsOnly(RejectionReason.DESERIALIZATION_FAILED);
        assertThat(refused).filteredOn(r -> r.getSourceOffset() == allTombstone.offset()).extracting(Rejection::getReason)
                .isNotEmpty().containsOnly(RejectionReason.BARE_TOMBSTONE);
        try (Admin admin = Admin.create(kafka())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, control);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).as("compaction can never erase a kill switch").isEqualTo("delete");
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        }
    }

    @Test
    void aNullOnTheIntegrationsTopicLeavesTheProtectionInPlaceAndIsRejected() throws Exception {
        organization(60);
        List<ClientTruth> stale = fixture.truth(Category.STALE_UNUSED);
        ClientTruth tombstoned = stale.get(0);
        ClientTruth removed = stale.get(1);
        fixture.protect(tombstoned.id());
        fixture.protect(removed.id());
        String integrations = topics.integrations().name();
        RecordMetadata tombstone = fixture.publishRaw(integrations,
                topics.integrations().keySerde().serializer().serialize(integrations, new ClientKey(fixture.orgId, tombstoned.id())), null);
        fixture.removeFromRegistry(removed.id()); // the registry's explicit removal does lift a protection
        List<ApprovedDeletion> approvals = fixture.approve(List.of(tombstoned, removed));
        fixture.publishApprovals(approvals);

        try (var running = fixture.start(executing("registry").withExecute(false), KNOWN_LIMIT)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outcomesOf(approvals).size() == 2);
        }
        Map<String, OutcomeKind> kinds = outcomesOf(approvals).stream().collect(Collectors.toMap(Outcome::getClientId, Outcome::getKind));
        assertThat(kinds).containsEntry(tombstoned.id(), OutcomeKind.BLOCKED_PROTECTED).containsEntry(removed.id(), OutcomeKind.DRY_RUN);
        assertThat(fixture.executorRejections()).filteredOn(r -> integrations.equals(r.getSourceTopic()) && r.getSourceOffset() == tombstone.offset()
                        && r.getSourcePartition() == tombstone.partition())
                .extracting(Rejection::getReason).isNotEmpty().containsOnly(RejectionReason.BARE_TOMBSTONE);
    }

    @Test
    void theDailyLimitRefusesDeactivationsBeyondItAsASecondLineBehindTheGate() throws Exception {
        organization(60);
        List<ApprovedDeletion> approvals = fixture.approve(fixture.truth(Category.STALE_UNUSED).subList(0, 5));
        fixture.publishApprovals(approvals);

        try (var running = fixture.start(executing("limit").withLimits(new ExecutorLimits(2, 1.0)), KNOWN_LIMIT)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outcomesOf(approvals).size() + rejectionsByApproval(approvals).size() == 5);
        }
        assertThat(outcomesOf(approvals)).extracting(Outcome::getKind).containsExactly(OutcomeKind.DEACTIVATED, OutcomeKind.DEACTIVATED);
        assertThat(rejectionsByApproval(approvals).values()).containsExactly(RejectionReason.LIMIT_DAILY, RejectionReason.LIMIT_DAILY, RejectionReason.LIMIT_DAILY);
        assertThat(simulator.requestLog().matching(e -> e.method().equals("PUT"))).hasSize(2);
    }
}
