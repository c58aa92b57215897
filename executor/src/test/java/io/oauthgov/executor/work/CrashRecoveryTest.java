package io.oauthgov.executor.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.collector.snapshot.ClientSnapshots;
import io.oauthgov.executor.ExecutorSettings;
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
    private final ExecutorSettings settings = ExecutorSettings.defaults().withExecute(true).withQuarantine(Duration.ofMillis(1));
    private final ProtectionRegistry protection = new ProtectionRegistry();
    private final KillSwitch killSwitch = new KillSwitch(null);

    @BeforeEach
    void start() {
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
        return ApprovedDeletion.newBuilder().setCandidateId("c").setApprovalId("a-" + client.id()).setOrgId(orgId)
                .setClientId(client.id()).setIdentityId(api.identity().clientId()).setFingerprint(ClientFingerprint.of(judged, null))
                .setJudged(judged).setApprover("x").setApprovedAt(Instant.now()).setExpiresAt(Instant.now().plusSeconds(60))
                .setPassedGateAt(Instant.now()).setPolicyId("p").setPolicyVersion("1").build();
    }

    @Test
    void approvalWhoseDeactivationWasNeverRecordedResumesItsQuarantineWithoutAnotherChange() throws Exception {
        OAuthClient before = api.oauthClients().get(staleClient()).orElseThrow();
        ApprovedDeletion approval = approvalOf(before);
        api.oauthClients().deactivate(before); // ...and the executor died before its transaction committed
        long putsBefore = simulator.requestLog().matching(e -> e.method().equals("PUT")).size();

        Step step = new ApprovalWork(settings, protection, killSwitch, Clock.systemUTC()).handle(approval, api);

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

        Step step = new ApprovalWork(settings, protection, killSwitch, Clock.systemUTC()).handle(approval, api);

        assertThat(step.outcome().getKind()).isEqualTo(OutcomeKind.CONFLICT_SKIPPED);
        assertThat(step.outcome().getDifferingFields()).containsExactly("state", "dateModified");
    }

    @Test
    void quarantineWhoseDeleteWasNeverRecordedEndsAlreadyAbsentWithoutAnotherDelete() throws Exception {
        OAuthClient before = api.oauthClients().get(staleClient()).orElseThrow();
        Step deactivated = new ApprovalWork(settings, protection, killSwitch, Clock.systemUTC()).handle(approvalOf(before), api);
        QuarantineEntry entry = deactivated.started();
        assertThat(api.oauthClients().delete(before.id())).isTrue(); // ...and the executor died before recording DELETED

        Step step = new QuarantineWork(settings, protection, killSwitch, Clock.systemUTC()).release(entry, null, api);

        assertThat(step.outcome().getKind()).isEqualTo(OutcomeKind.ALREADY_ABSENT);
        assertThat(step.quarantine()).isEqualTo(Step.QuarantineChange.END);
        assertThat(simulator.requestLog().matching(e -> e.method().equals("DELETE"))).hasSize(1);
        assertThat(simulator.deletionLog().deletions()).hasSize(1);
    }
}
