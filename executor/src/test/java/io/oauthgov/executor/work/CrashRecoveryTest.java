package io.oauthgov.executor.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.QuarantinePhase;
import io.oauthgov.genesys.snapshot.ClientSnapshots;
import io.oauthgov.executor.ExecutorLimits;
import io.oauthgov.executor.ExecutorSettings;
import io.oauthgov.executor.control.UseEvidence;
import io.oauthgov.executor.trust.ApprovalTrust;
import io.oauthgov.executor.trust.ApprovalVerifier;
import io.oauthgov.schemas.approval.ApprovalSignature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.oauthgov.executor.control.KillSwitch;
import io.oauthgov.executor.control.ProtectionRegistry;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.ClientState;
import io.oauthgov.simulator.model.EntityRef;
import io.oauthgov.simulator.model.IdentityRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The repeats a crash causes, one at a time against the simulator: the approval whose deactivation was never
 * recorded, and the quarantine whose delete was never recorded. Neither may change the client a second time.
 */
class CrashRecoveryTest {
    private GenesysSimulator simulator;
    private String orgId;
    private GenesysClient api;
    private static final byte[] KEY = "crash-recovery-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private final ExecutorSettings settings = ExecutorSettings.defaults().withExecute(true).withQuarantine(Duration.ofMillis(1))
            .withTrust(ApprovalTrust.of(KEY, Map.of("*", Set.of("x")))).withLimits(new ExecutorLimits(1_000, 1.0));
    private final KillSwitch killSwitch = new KillSwitch(null);
    /** Intents are committed at once: these tests are about what the API shows after a crash, not about Kafka. */
    private final List<QuarantineEntry> intents = new ArrayList<>();
    private final WorkContext context = new WorkContext(settings, new ProtectionRegistry(), killSwitch, allActivityRead(),
            new BlastRadius(settings.limits()), intents::add, Clock.systemUTC());

    /** No activity at all, read from the beginning: the usage query alone answers "used since". */
    private static UseEvidence allActivityRead() {
        UseEvidence use = new UseEvidence();
        use.readingFrom(Instant.EPOCH);
        return use;
    }

    @BeforeEach
    void start() {
        killSwitch.controlTopicRead();
        simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(30).seed(77).identityRateLimit(10_000).orgRateLimit(0).start();
        orgId = simulator.orgIds().get(0);
        ApiIdentity executor = simulator.identity(orgId, IdentityRole.EXECUTOR);
        api = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()), new ClientCredentials(executor.clientId(), executor.secret()),
                GovernanceConfig.defaults().withRequestsPerWindow(10_000));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private String staleClient() {
        return simulator.groundTruth().orgs().get(0).clients().stream().filter(c -> c.category() == Category.STALE_UNUSED).findFirst().orElseThrow().id();
    }

    private ApprovedDeletion approvalOf(OAuthClient client) {
        var judged = ClientSnapshots.from(client, client.authorizedGrantType(), orgId, "local", "s", Instant.now());
        ApprovedDeletion unsigned = ApprovedDeletion.newBuilder().setCandidateId("c").setApprovalId("a-" + client.id()).setOrgId(orgId)
                .setClientId(client.id()).setIdentityId(api.identity().clientId()).setFingerprint(ClientFingerprint.of(judged, null))
                .setJudged(judged).setApprover("x").setApprovedAt(Instant.now()).setExpiresAt(Instant.now().plusSeconds(60))
                .setPassedGateAt(Instant.now()).setPolicyId("p").setPolicyVersion("1").build();
        return ApprovedDeletion.newBuilder(unsigned).setSignature(ApprovalSignature.sign(KEY, ApprovalVerifier.approvalOf(unsigned))).build();
    }

    @Test
    void approvalWhoseDeactivationWasNeverRecordedResumesItsQuarantineWithoutAnotherChange() throws Exception {
        OAuthClient before = api.oauthClients().get(staleClient()).orElseThrow();
        ApprovedDeletion approval = approvalOf(before);
        api.oauthClients().deactivate(before); // ...and the executor died before its transaction committed
        long putsBefore = simulator.requestLog().matching(e -> e.method().equals("PUT")).size();

        Step step = new ApprovalWork(context).handle(approval, api, null);

        assertThat(step.outcome().getKind()).isEqualTo(OutcomeKind.DEACTIVATED);
        assertThat(step.outcome().getDetail()).contains("quarantine resumed");
        assertThat(step.quarantine()).isEqualTo(Step.QuarantineChange.START);
        assertThat(simulator.requestLog().matching(e -> e.method().equals("PUT"))).hasSize((int) putsBefore);
    }

    @Test
    void clientDeactivatedBySomeoneElseIsAConflictNotOurs() throws Exception {
        OAuthClient before = api.oauthClients().get(staleClient()).orElseThrow();
        ApprovedDeletion approval = approvalOf(before);
        simulator.updateClient(orgId, before.id(), c -> c.withState(ClientState.INACTIVE, Instant.now(), new EntityRef("admin-7", "An Admin")));

        Step step = new ApprovalWork(context).handle(approval, api, null);

        assertThat(step.outcome().getKind()).isEqualTo(OutcomeKind.CONFLICT_SKIPPED);
        assertThat(step.outcome().getDifferingFields()).containsExactly("state", "dateModified");
    }

    @Test
    void quarantineWhoseDeleteWasNeverRecordedEndsAlreadyAbsentWithoutAnotherDelete() throws Exception {
        OAuthClient before = api.oauthClients().get(staleClient()).orElseThrow();
        Step deactivated = new ApprovalWork(context).handle(approvalOf(before), api, null);
        QuarantineEntry entry = deactivated.started();
        assertThat(api.oauthClients().delete(before.id())).isTrue(); // ...and the executor died before recording DELETED

        Step step = new QuarantineWork(context).release(entry, null, api);

        assertThat(step.outcome().getKind()).isEqualTo(OutcomeKind.ALREADY_ABSENT);
        assertThat(step.quarantine()).isEqualTo(Step.QuarantineChange.END);
        assertThat(simulator.requestLog().matching(e -> e.method().equals("DELETE"))).hasSize(1);
        assertThat(simulator.deletionLog().deletions()).hasSize(1);
    }

    @Test
    void quarantineWhoseDeleteIntentIsOnRecordEndsDeletedWithoutAnotherDelete() throws Exception {
        OAuthClient before = api.oauthClients().get(staleClient()).orElseThrow();
        Step deactivated = new ApprovalWork(context).handle(approvalOf(before), api, null);
        QuarantineEntry deleting = QuarantineEntry.newBuilder(deactivated.started()).setPhase(QuarantinePhase.DELETING).build();
        assertThat(api.oauthClients().delete(before.id())).isTrue(); // sent after the intent committed; the outcome never did

        Step step = new QuarantineWork(context).release(deleting, null, api);

        assertThat(step.outcome().getKind()).as("our own delete, not someone else's").isEqualTo(OutcomeKind.DELETED);
        assertThat(simulator.requestLog().matching(e -> e.method().equals("DELETE"))).hasSize(1);
    }

    @Test
    void eachIrreversibleCallLeavesOnlyAfterItsIntentIsCommitted() throws Exception {
        String clientId = staleClient();
        List<String> callsSeenAtIntent = new ArrayList<>();
        WorkContext watching = new WorkContext(settings, new ProtectionRegistry(), killSwitch, allActivityRead(),
                new BlastRadius(settings.limits()), intent -> callsSeenAtIntent.add(intent.getPhase() + " after "
                + simulator.requestLog().matching(e -> !e.method().equals("GET") && e.path().endsWith("/" + clientId)).size()),
                Clock.systemUTC());

        Step deactivated = new ApprovalWork(watching).handle(approvalOf(api.oauthClients().get(clientId).orElseThrow()), api, null);
        Step deleted = new QuarantineWork(watching).release(deactivated.started(), null, api);

        assertThat(deleted.outcome().getKind()).isEqualTo(OutcomeKind.DELETED);
        assertThat(callsSeenAtIntent).containsExactly("DEACTIVATING after 0", "DELETING after 1");
    }
}
