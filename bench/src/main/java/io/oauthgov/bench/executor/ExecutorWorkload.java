package io.oauthgov.bench.executor;

import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.bench.BenchContext;
import io.oauthgov.genesys.snapshot.ClientSnapshots;
import io.oauthgov.executor.ExecutorSettings;
import io.oauthgov.executor.trust.ApprovalTrust;
import io.oauthgov.executor.trust.ApprovalVerifier;
import io.oauthgov.schemas.approval.ApprovalSignature;
import io.oauthgov.executor.ExecutorApp;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.RequestLog;
import io.oauthgov.simulator.http.ClientJson;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A simulated estate for the executor benchmarks: orgs with one executor identity each under a known per-identity
 * limit, and approved deletions made the way the analyzer makes them (the judged snapshot read live, its
 * fingerprint). The executor runs in dry-run, so each approval costs exactly one API call (the live re-read):
 * approvals per second and calls per second are the same number, and the rate budget is all that limits them.
 */
final class ExecutorWorkload implements AutoCloseable {
    private static final AtomicInteger RUN = new AtomicInteger();
    /** The simulator's JSON read the way the API client reads it: the judged snapshot without spending the budget. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    final GenesysSimulator simulator;
    final Duration window;
    final int limitPerWindow;

    ExecutorWorkload(int orgs, int clientsPerOrg, int limitPerWindow, Duration window, long seed) {
        this.window = window;
        this.limitPerWindow = limitPerWindow;
        GenesysSimulator.Builder builder = GenesysSimulator.builder().orgs(orgs).clientsPerOrg(clientsPerOrg).seed(seed)
                .identityRateLimit(limitPerWindow).rateWindow(window).orgRateLimit(0).requestLogCapacity(500_000)
                .queryStageDuration(Duration.ofMillis(20));
        this.simulator = builder.start();
    }

    private static final byte[] APPROVAL_KEY = "oauthgov-bench-approval-key-0123".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final ApprovalTrust TRUST = ApprovalTrust.of(APPROVAL_KEY, Map.of(ApprovalTrust.ALL_ORGS, java.util.Set.of("bench@oauthgov.test")));

    double allowedCallsPerSecond() {
        return limitPerWindow / (window.toMillis() / 1000.0);
    }

    ApiIdentity executorIdentity(String orgId) {
        return simulator.identity(orgId, IdentityRole.EXECUTOR);
    }

    /** The executor identity of the org as the executor would hold it, starting from {@code config}. */
    GenesysClient executorApi(String orgId, GovernanceConfig config) {
        ApiIdentity identity = executorIdentity(orgId);
        return GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()), new ClientCredentials(identity.clientId(), identity.secret()),
                config);
    }

    /**
     * One approval per client of the org (but the pipeline's own identities), judged as the client is now. Read from
     * the simulator's model, rendered as its API would render it: building the workload spends no rate budget.
     */
    List<ApprovedDeletion> approveAll(String orgId) {
        List<ApprovedDeletion> approvals = new ArrayList<>();
        Instant now = Instant.now();
        for (var simulated : simulator.organization(orgId).listClients(now)) {
            if (simulator.identities(orgId).stream().anyMatch(i -> i.clientId().equals(simulated.id()))) {
                continue;
            }
            OAuthClient client = JSON.convertValue(ClientJson.full(simulated), OAuthClient.class);
            OAuthClientSnapshot judged = ClientSnapshots.from(client, client.authorizedGrantType(), orgId, "local", "bench", now);
            ApprovedDeletion unsigned = ApprovedDeletion.newBuilder()
                    .setCandidateId("bench-" + client.id()).setApprovalId(UUID.randomUUID().toString())
                    .setOrgId(orgId).setClientId(client.id()).setIdentityId(executorIdentity(orgId).clientId())
                    .setFingerprint(ClientFingerprint.of(judged, null)).setJudged(judged)
                    .setApprover("bench@oauthgov.test").setApprovedAt(now).setExpiresAt(now.plus(Duration.ofDays(1)))
                    .setPassedGateAt(now).setPolicyId("bench").setPolicyVersion("1").build();
            // signed as an approval system would: the executor verifies every approval itself
            approvals.add(ApprovedDeletion.newBuilder(unsigned)
                    .setSignature(ApprovalSignature.sign(APPROVAL_KEY, ApprovalVerifier.approvalOf(unsigned))).build());
        }
        return approvals;
    }

    static KafkaProducer<byte[], byte[]> producer(BenchContext context) {
        Map<String, Object> configs = new HashMap<>(context.clientConfigs());
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(KafkaProducer<byte[], byte[]> producer, BenchContext context, ApprovedDeletion approval) {
        Topic<ApiIdentityKey, ApprovedDeletion> topic = context.topics().deletionsApproved();
        producer.send(topic.record(new ApiIdentityKey(approval.getOrgId(), approval.getIdentityId()), approval));
    }

    /** A dry-run executor over the given identities, on a thread of its own, with a group of its own. */
    static RunningExecutor start(BenchContext context, List<GenesysClient> identities) throws InterruptedException {
        String id = "oauthgov-bench-executor-" + RUN.incrementAndGet();
        ExecutorApp executor = ExecutorApp.start(ExecutorApp.Config.of(context.topics(), context.clientConfigs(), identities,
                ExecutorSettings.defaults().withGroupId(id).withTransactionalId(id).withTrust(TRUST)));
        if (!executor.awaitReady(Duration.ofSeconds(60))) {
            executor.close();
            throw new IllegalStateException("the benchmark's executor did not start");
        }
        return new RunningExecutor(executor);
    }

    record RunningExecutor(ExecutorApp executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.close();
        }
    }

    /** The identity's API calls (token requests excluded) as the simulator answered them, in order. */
    List<RequestLog.Entry> callsOf(String identityClientId) {
        return simulator.requestLog().matching(e -> identityClientId.equals(e.identity()) && e.path().startsWith("/api/"));
    }

    /** Calls per second from the identity's first to its last call, divided by the allowed rate. */
    double utilisation(String identityClientId) {
        List<RequestLog.Entry> calls = callsOf(identityClientId).stream().filter(e -> e.status() != 429).toList();
        double seconds = Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at()).toNanos() / 1e9;
        return (calls.size() - 1) / seconds / allowedCallsPerSecond();
    }

    long throttled(String identityClientId) {
        return simulator.metrics().throttled(identityClientId);
    }


    @Override
    public void close() {
        simulator.close();
    }
}
