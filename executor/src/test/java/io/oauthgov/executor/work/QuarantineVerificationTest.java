package io.oauthgov.executor.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.genesys.snapshot.ClientSnapshots;
import io.oauthgov.executor.ExecutorLimits;
import io.oauthgov.executor.ExecutorSettings;
import io.oauthgov.executor.control.KillSwitch;
import io.oauthgov.executor.control.ProtectionRegistry;
import io.oauthgov.executor.control.UseEvidence;
import io.oauthgov.executor.trust.ApprovalTrust;
import io.oauthgov.executor.trust.ApprovalVerifier;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.approval.ApprovalSignature;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delete that ends a quarantine re-verifies the approval the quarantine carries: a quarantine entry anyone could
 * have written to the compacted topic, or one whose approver lost the authority meanwhile, never leads to a delete;
 * the client is set active again and the refusal says why. Against the simulator, one client at a time.
 */
class QuarantineVerificationTest {
    private static final byte[] KEY = "quarantine-verification-key-0123".getBytes(StandardCharsets.UTF_8);
    private GenesysSimulator simulator;
    private String orgId;
    private GenesysClient api;

    @BeforeEach
    void start() {
        simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(30).seed(78).identityRateLimit(10_000).orgRateLimit(0).start();
        orgId = simulator.orgIds().get(0);
        ApiIdentity executor = simulator.identity(orgId, IdentityRole.EXECUTOR);
        api = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()), new ClientCredentials(executor.clientId(), executor.secret()),
                GovernanceConfig.defaults().withRequestsPerWindow(10_000));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private WorkContext context(Set<String> approvers) {
        ExecutorSettings settings = ExecutorSettings.defaults().withExecute(true).withQuarantine(Duration.ofMillis(1))
                .withTrust(ApprovalTrust.of(KEY, Map.of("*", approvers))).withLimits(new ExecutorLimits(1_000, 1.0));
        KillSwitch killSwitch = new KillSwitch(null);
        killSwitch.controlTopicRead();
        UseEvidence use = new UseEvidence();
        use.readingFrom(Instant.EPOCH);
        return new WorkContext(settings, new ProtectionRegistry(), killSwitch, use, new BlastRadius(settings.limits()), intent -> { },
                Clock.systemUTC());
    }

    /** A client deactivated under a valid approval by alice: its quarantine entry, as phase one committed it. */
    private QuarantineEntry quarantined() throws InterruptedException {
        String clientId = simulator.groundTruth().orgs().get(0).clients().stream().filter(c -> c.category() == Category.STALE_UNUSED)
                .findFirst().orElseThrow().id();
        OAuthClient client = api.oauthClients().get(clientId).orElseThrow();
        var judged = ClientSnapshots.from(client, client.authorizedGrantType(), orgId, "local", "s", Instant.now());
        ApprovedDeletion unsigned = ApprovedDeletion.newBuilder().setCandidateId("c").setApprovalId("a-" + clientId).setOrgId(orgId)
                .setClientId(clientId).setIdentityId(api.identity().clientId()).setFingerprint(ClientFingerprint.of(judged, null))
                .setJudged(judged).setApprover("alice").setApprovedAt(Instant.now()).setExpiresAt(Instant.now().plusSeconds(600))
                .setPassedGateAt(Instant.now()).setPolicyId("p").setPolicyVersion("1").build();
        ApprovedDeletion approval = ApprovedDeletion.newBuilder(unsigned)
                .setSignature(ApprovalSignature.sign(KEY, ApprovalVerifier.approvalOf(unsigned))).build();
        Step step = new ApprovalWork(context(Set.of("alice"))).handle(approval, api, null);
        assertThat(step.outcome().getKind()).isEqualTo(OutcomeKind.DEACTIVATED);
        return step.started();
    }

    @Test
    void aQuarantineEntryWithAForgedApprovalIsRestoredNotDeleted() throws Exception {
        QuarantineEntry forged = QuarantineEntry.newBuilder(quarantined()).setApprover("mallory").build(); // signature no longer matches

        Step step = new QuarantineWork(context(Set.of("alice", "mallory"))).release(forged, null, api);

        assertThat(step.outcome().getKind()).isEqualTo(OutcomeKind.RESTORED);
        assertThat(step.refusal().rejection().getReason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(simulator.deletionLog().deletions()).isEmpty();
        assertThat(simulator.client(orgId, forged.getClientId()).orElseThrow().state().wireName()).isEqualTo("active");
    }

    @Test
    void anApproverWhoLostTheAuthorityDuringTheQuarantineCannotHaveTheClientDeleted() throws Exception {
        QuarantineEntry entry = quarantined();

        Step step = new QuarantineWork(context(Set.of("bob"))).release(entry, null, api);

        assertThat(step.outcome().getKind()).isEqualTo(OutcomeKind.RESTORED);
        assertThat(step.refusal().rejection().getReason()).isEqualTo(RejectionReason.UNAUTHORIZED_APPROVER);
        assertThat(simulator.deletionLog().deletions()).isEmpty();
    }

    @Test
    void aQuarantineWhoseApprovalStillVerifiesEndsInTheDelete() throws Exception {
        QuarantineEntry entry = quarantined();

        Step step = new QuarantineWork(context(Set.of("alice"))).release(entry, null, api);

        assertThat(step.outcome().getKind()).isEqualTo(OutcomeKind.DELETED);
        assertThat(step.refusal()).isNull();
        assertThat(simulator.deletionLog().wasDeleted(entry.getClientId())).isTrue();
    }
}
