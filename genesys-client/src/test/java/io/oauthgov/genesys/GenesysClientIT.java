package io.oauthgov.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.model.AuthorizationRole;
import io.oauthgov.genesys.model.ClientListing;
import io.oauthgov.genesys.model.Division;
import io.oauthgov.genesys.model.PagedListing;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.RequestLog;
import io.oauthgov.simulator.faults.FaultLimit;
import io.oauthgov.simulator.faults.FaultTarget;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the simulator, the same peer the official SDK is verified against. Real time, short windows. */
class GenesysClientIT {
    private GenesysSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private GenesysSimulator start(GenesysSimulator.Builder builder) {
        simulator = builder.start();
        return simulator;
    }

    private GenesysClient client(IdentityRole role, GovernanceConfig config) {
        String orgId = simulator.orgIds().get(0);
        ApiIdentity identity = simulator.identity(orgId, role);
        return GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                new ClientCredentials(identity.clientId(), identity.secret()), config);
    }

    @Test
    void followsNextUriAcrossPagesAndReportsTheDeclaredTotal() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(120).seed(3).pageSize(25));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());

        ClientListing listing = api.oauthClients().listAll();

        assertThat(listing.pages()).isGreaterThan(4);
        assertThat(listing.entities()).hasSize((int) listing.declaredTotal());
        assertThat(listing.entities().stream().map(OAuthClient::id).distinct().count()).isEqualTo(listing.declaredTotal());
    }

    @Test
    void readsEveryPageOfRolesAndDivisionsWithTheirPermissionPolicies() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(10).seed(3));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());
        var org = simulator.organization(simulator.orgIds().get(0));

        PagedListing<AuthorizationRole> roles = api.authorization().listRoles();
        PagedListing<Division> divisions = api.authorization().listDivisions();

        assertThat(roles.entities()).extracting(AuthorizationRole::id)
                .containsExactlyElementsOf(org.roles().stream().map(r -> r.id()).toList());
        assertThat(roles.declaredTotal()).isEqualTo(org.roles().size());
        assertThat(roles.entities().get(0).permissionPolicies()).singleElement()
                .satisfies(p -> assertThat(p.domain() + ":" + p.entityName() + ":" + p.actionSet()).isEqualTo("*:*:[*]"));
        assertThat(roles.entities().get(0).defaultRole()).isTrue();
        assertThat(divisions.entities()).filteredOn(Division::homeDivision).hasSize(1);
        assertThat(divisions.declaredTotal()).isEqualTo(org.divisions().size());
    }

    @Test
    void pagesThroughRolesWhenThereAreMoreThanOnePage() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(10).seed(3));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());

        PagedListing<AuthorizationRole> roles = api.authorization(4).listRoles();

        assertThat(roles.pages()).isEqualTo((simulator.organization(simulator.orgIds().get(0)).roles().size() + 3) / 4);
        assertThat(roles.entities()).hasSize((int) roles.declaredTotal());
    }

    @Test
    void dropsEverySecretTheApiReturns() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(30).seed(4));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());

        ClientListing listing = api.oauthClients().listAll();
        OAuthClient one = api.oauthClients().get(listing.entities().get(0).id()).orElseThrow();

        String everything = listing.entities().toString() + one;
        assertThat(simulator.issuedSecrets()).isNotEmpty()
                .allSatisfy(secret -> assertThat(everything).doesNotContain(secret));
    }

    @Test
    void absentClientIsEmptyNotAnError() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(5));

        assertThat(client(IdentityRole.COLLECTOR, GovernanceConfig.defaults()).oauthClients().get("no-such-client")).isEmpty();
    }

    @Test
    void deactivatesThenDeletesAndTheClientIsGone() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(20).seed(6));
        GenesysClient api = client(IdentityRole.EXECUTOR, GovernanceConfig.defaults());
        OAuthClient victim = api.oauthClients().listAll().entities().stream()
                .filter(c -> "active".equals(c.state()) && c.name().startsWith("oauthgov") == false)
                .filter(c -> !c.id().equals(api.identity().clientId()))
                .findFirst().orElseThrow();

        OAuthClient inactive = api.oauthClients().deactivate(api.oauthClients().get(victim.id()).orElseThrow());
        boolean deleted = api.oauthClients().delete(victim.id());

        assertThat(inactive.state()).isEqualTo("inactive");
        assertThat(inactive.name()).as("PUT sent every field back").isEqualTo(victim.name());
        assertThat(deleted).isTrue();
        assertThat(simulator.deletionLog().wasDeleted(victim.id())).isTrue();
    }

    @Test
    void missingPermissionIsNamedInTheError() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(7));
        GenesysClient collector = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());
        String someone = collector.oauthClients().listAll().entities().get(0).id();

        assertThatThrownBy(() -> collector.oauthClients().delete(someone))
                .isInstanceOfSatisfying(GenesysApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("missing.any.permissions");
                    assertThat(e.retriable()).isFalse();
                })
                .hasMessageContaining("oauth:client:delete");
    }

    @Test
    void wrongSecretFailsLoginClearlyWithoutEchoingIt() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(8));
        String orgId = simulator.orgIds().get(0);
        ApiIdentity identity = simulator.identity(orgId, IdentityRole.COLLECTOR);
        GenesysClient api = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                new ClientCredentials(identity.clientId(), "not-the-secret"), GovernanceConfig.defaults());

        assertThatThrownBy(() -> api.oauthClients().listAll())
                .isInstanceOf(GenesysApiException.class)
                .hasMessageContaining(identity.clientId()).hasMessageContaining("refused")
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void reauthenticatesOnceWhenTheServerExpiresTheTokenMidRun() {
        // The simulator's clock runs ahead of ours: the token is fresh to us but expired to the server.
        io.oauthgov.simulator.ManualClock serverClock = new io.oauthgov.simulator.ManualClock(Instant.now());
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(15).clock(serverClock).tokenLifetime(Duration.ofHours(1)));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());
        String id = api.oauthClients().listAll().entities().get(0).id();

        serverClock.advance(Duration.ofHours(2));

        assertThat(api.oauthClients().get(id)).isPresent();
        assertThat(simulator.requestLog().matching(e -> e.status() == 401)).hasSize(1);
    }

    @Test
    void aSecondReadGoesOutWhileTheFirstWaitsForASlowAnswer() throws Exception {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(17));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.collectorDefaults().withRequestsPerWindow(600));
        List<String> ids = api.oauthClients().listAll().entities().stream().map(OAuthClient::id).toList();
        simulator.faults().latency(FaultTarget.identity(api.identity().clientId()), FaultLimit.calls(1), Duration.ofSeconds(1));

        // whichever read arrives first answers after 1 s; the other must not wait for that answer to go out
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> api.oauthClients().get(ids.get(0))),
                CompletableFuture.runAsync(() -> api.oauthClients().get(ids.get(1)))).get();

        assertThat(arrivalsApart(ids.get(0), ids.get(1))).as("reads in flight together").isLessThan(Duration.ofMillis(700));
    }

    @Test
    void aChangeNeverGoesOutWhileAReadIsInFlight() throws Exception {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(18));
        GenesysClient api = client(IdentityRole.EXECUTOR, GovernanceConfig.collectorDefaults().withRequestsPerWindow(600));
        List<OAuthClient> clients = api.oauthClients().listAll().entities().stream().limit(2)
                .map(c -> api.oauthClients().get(c.id()).orElseThrow()).toList(); // details: a PUT carries the whole client
        simulator.faults().latency(FaultTarget.identity(api.identity().clientId()), FaultLimit.calls(1), Duration.ofSeconds(1));

        // whichever goes first answers after 1 s; the change must neither overtake nor join a read in flight
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> api.oauthClients().get(clients.get(0).id())),
                CompletableFuture.runAsync(() -> api.oauthClients().deactivate(clients.get(1)))).get();

        assertThat(arrivalsApart(clients.get(0).id(), clients.get(1).id())).as("the PUT and the read one after the other")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    /** How far apart the last calls naming each client arrived at the simulator. */
    private Duration arrivalsApart(String first, String second) {
        return Duration.between(lastArrival(first), lastArrival(second)).abs();
    }

    private Instant lastArrival(String clientId) {
        List<RequestLog.Entry> calls = simulator.requestLog().matching(e -> e.path().endsWith(clientId));
        return calls.get(calls.size() - 1).at();
    }

    @Test
    void readsFromSeveralThreadsStayWithinTheLimitZero429s() throws Exception {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(19).identityRateLimit(20).rateWindow(Duration.ofSeconds(1)));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.collectorDefaults().withRequestsPerWindow(20).withWindow(Duration.ofSeconds(1)));
        String id = api.oauthClients().listAll().entities().get(0).id();
        simulator.faults().latency(FaultTarget.identity(api.identity().clientId()), FaultLimit.untilCleared(), Duration.ofMillis(120));

        List<CompletableFuture<Void>> readers = new java.util.ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            readers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 15; i++) {
                    api.oauthClients().get(id);
                }
            }));
        }
        CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).get();

        assertThat(simulator.metrics().throttled(api.identity().clientId())).as("429s").isZero();
        assertThat(api.metrics().calls()).isEqualTo(61);
    }

    @Test
    void neverExceedsAKnownLimitZero429s() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(9).identityRateLimit(20).rateWindow(Duration.ofSeconds(1)));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults().withRequestsPerWindow(20).withWindow(Duration.ofSeconds(1)));
        String id = api.oauthClients().listAll().entities().get(0).id();

        for (int i = 0; i < 60; i++) {
            api.oauthClients().get(id);
        }

        assertThat(simulator.metrics().throttled(api.identity().clientId())).as("429s").isZero();
        assertThat(api.metrics().calls()).isEqualTo(61);
    }

    @Test
    void learnsAnUnknownLowerLimitFromHeaders() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(10).identityRateLimit(15).rateWindow(Duration.ofSeconds(1)));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults().withRequestsPerWindow(1000).withWindow(Duration.ofSeconds(1)));
        String id = api.oauthClients().listAll().entities().get(0).id();

        for (int i = 0; i < 45; i++) {
            api.oauthClients().get(id);
        }

        assertThat(api.currentBudget()).as("budget learned from inin-ratelimit-allowed").isEqualTo(14);
        assertThat(simulator.metrics().throttled(api.identity().clientId())).as("at most the first window may overshoot")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void recoversFromA429StormHonouringRetryAfter() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(11));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());
        String id = api.oauthClients().listAll().entities().get(0).id();
        simulator.faults().throttle(FaultTarget.identity(api.identity().clientId()), FaultLimit.calls(2), 1);

        assertThat(api.oauthClients().get(id)).isPresent();

        List<RequestLog.Entry> calls = simulator.requestLog().matching(e -> e.path().endsWith(id));
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0).status()).isEqualTo(429);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).as("Retry-After: 1 honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(api.metrics().throttled()).isEqualTo(2);
    }

    @Test
    void ridesOutA429StormLongerThanTheAttemptBudget() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(14));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());
        String id = api.oauthClients().listAll().entities().get(0).id();
        int storm = GovernanceConfig.defaults().breakerThreshold() + 3;
        simulator.faults().throttle(FaultTarget.identity(api.identity().clientId()), FaultLimit.calls(storm), 1);

        assertThat(api.oauthClients().get(id)).isPresent();
        assertThat(api.metrics().throttled()).isEqualTo(storm);
        assertThat(api.metrics().failures()).isZero();
    }

    @Test
    void givesUpWhenThrottledLongerThanTheConfiguredMaximum() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(15));
        GovernanceConfig config = GovernanceConfig.defaults().withMaxRetryAfter(Duration.ofSeconds(2));
        GenesysClient api = client(IdentityRole.COLLECTOR, config);
        String id = api.oauthClients().listAll().entities().get(0).id();
        simulator.faults().throttle(FaultTarget.identity(api.identity().clientId()), FaultLimit.untilCleared(), 1);

        assertThatThrownBy(() -> api.oauthClients().get(id)).isInstanceOf(GenesysApiException.class)
                .satisfies(e -> assertThat(((GenesysApiException) e).status()).isEqualTo(429))
                .hasMessageContaining("throttled for 3 s in all");
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(12));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());
        String id = api.oauthClients().listAll().entities().get(0).id();
        simulator.faults().serverErrors(FaultTarget.everyone(), FaultLimit.calls(2), 503);

        assertThat(api.oauthClients().get(id)).isPresent();
        assertThat(api.metrics().retries()).isEqualTo(2);
    }

    @Test
    void ridesOutABurstOfServerErrorsLongerThanTheBreakerThreshold() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(16));
        GovernanceConfig config = GovernanceConfig.defaults().withOutageTolerance(Duration.ofMillis(300), Duration.ofMinutes(5));
        GenesysClient api = client(IdentityRole.COLLECTOR, config);
        String id = api.oauthClients().listAll().entities().get(0).id();
        int burst = config.breakerThreshold() + 3;
        simulator.faults().serverErrors(FaultTarget.everyone(), FaultLimit.calls(burst), 503);

        assertThat(api.oauthClients().get(id)).as("the breaker opened, probed and closed again within one call").isPresent();
        assertThat(api.metrics().retries()).isEqualTo(burst);
        assertThat(api.metrics().failures()).isZero();
    }

    @Test
    void givesUpAfterTheConfiguredTimeOfContinuousFailureThenFailsFastUntilAProbeSucceeds() throws Exception {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(17));
        Duration giveUp = Duration.ofSeconds(3);
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults().withOutageTolerance(Duration.ofMillis(500), giveUp));
        String id = api.oauthClients().listAll().entities().get(0).id();
        simulator.faults().serverErrors(FaultTarget.everyone(), FaultLimit.untilCleared(), 503);

        Instant start = Instant.now();
        assertThatThrownBy(() -> api.oauthClients().get(id)).isInstanceOf(GenesysApiException.class)
                .satisfies(e -> assertThat(((GenesysApiException) e).code()).isEqualTo(GovernedCaller.GAVE_UP))
                .hasMessageContaining("without a success (the limit is 3 s)").hasMessageContaining("503");
        Duration tookToGiveUp = Duration.between(start, Instant.now());
        assertThat(tookToGiveUp).as("not before the give-up time").isGreaterThanOrEqualTo(giveUp)
                .as("nor much after it").isLessThan(giveUp.plusSeconds(3));

        Instant again = Instant.now();
        assertThatThrownBy(() -> api.oauthClients().get(id)).isInstanceOf(GenesysApiException.class)
                .satisfies(e -> assertThat(((GenesysApiException) e).code()).isEqualTo(GovernedCaller.GAVE_UP));
        assertThat(Duration.between(again, Instant.now())).as("a given-up identity fails at once (one probe per cool-down)")
                .isLessThan(Duration.ofSeconds(1));

        simulator.faults().clear();
        Thread.sleep(600); // the breaker's cool-down: until then a given-up identity is refused without a call
        assertThat(api.oauthClients().get(id)).as("the next probe finds the platform back").isPresent();
    }

    @Test
    void oneIdentityThrottledDoesNotDelayAnother() throws Exception {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(13).executorsPerOrg(2));
        String orgId = simulator.orgIds().get(0);
        List<ApiIdentity> executors = simulator.identities(orgId).stream().filter(i -> i.role() == IdentityRole.EXECUTOR).toList();
        GenesysClient stormy = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                new ClientCredentials(executors.get(0).clientId(), executors.get(0).secret()), GovernanceConfig.defaults());
        GenesysClient calm = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                new ClientCredentials(executors.get(1).clientId(), executors.get(1).secret()), GovernanceConfig.defaults());
        simulator.faults().throttle(FaultTarget.identity(executors.get(0).clientId()), FaultLimit.calls(3), 2);

        CompletableFuture<Void> storm = CompletableFuture.runAsync(() -> stormy.oauthClients().get("x"));
        Instant start = Instant.now();
        for (int i = 0; i < 10; i++) {
            calm.oauthClients().get("x");
        }
        Duration calmTook = Duration.between(start, Instant.now());
        storm.get();

        assertThat(calmTook).as("the calm identity never waited on the stormy one's Retry-After").isLessThan(Duration.ofSeconds(2));
        assertThat(stormy.metrics().throttled()).isEqualTo(3);
        assertThat(calm.metrics().throttled()).isZero();
    }

    @Test
    void organizationUsageAndAuditQueriesReturnEvidenceForClients() {
        start(GenesysSimulator.builder().orgs(1).clientsPerOrg(40).seed(14).queryStageDuration(Duration.ofMillis(50)));
        GenesysClient api = client(IdentityRole.COLLECTOR, GovernanceConfig.defaults());
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);

        var usage = api.usage().organizationUsageByClient(to.minus(180, ChronoUnit.DAYS), to);
        // up to the start of today: the calls this test makes are today's usage and would differ between queries
        Instant today = to.minus(1, ChronoUnit.DAYS);
        var byClient = api.usage().organizationUsageByClient(to.minus(180, ChronoUnit.DAYS), today);
        var byEndpoint = api.usage().organizationUsageByEndpoint(to.minus(180, ChronoUnit.DAYS), today);
        List<String> services = api.audits().serviceNames();
        String tx = api.audits().query(services.get(0), to.minus(180, ChronoUnit.DAYS), to);
        var firstPage = api.audits().page(tx, null, 25);

        assertThat(usage).isNotEmpty().allSatisfy(row -> {
            assertThat(row.clientId()).isNotBlank();
            assertThat(row.date()).isNotNull();
        });
        assertThat(byEndpoint).isNotEmpty().allSatisfy(row -> {
            assertThat(row.templateUri()).startsWith("api/v2/");
            assertThat(row.httpMethod()).isNotBlank();
        });
        assertThat(byEndpoint.stream().mapToLong(r -> r.requests()).sum()).as("the same requests, broken down")
                .isEqualTo(byClient.stream().mapToLong(r -> r.requests()).sum());
        assertThat(services).isNotEmpty();
        assertThat(firstPage.entities()).hasSizeLessThanOrEqualTo(25);
        var seen = new HashSet<String>();
        String cursor = firstPage.cursor();
        firstPage.entities().forEach(e -> seen.add(e.id()));
        while (cursor != null) {
            var page = api.audits().page(tx, cursor, 500);
            page.entities().forEach(e -> assertThat(seen.add(e.id())).as("no entry twice across pages").isTrue());
            cursor = page.cursor();
        }
    }
}
