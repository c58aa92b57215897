package io.oauthgov.simulator;

import static io.oauthgov.simulator.Fixtures.ANCHOR;
import static io.oauthgov.simulator.Fixtures.putBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.simulator.faults.FaultLimit;
import io.oauthgov.simulator.faults.FaultTarget;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.SimulatedClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private static final String CLIENTS = "/api/v2/oauth/clients";

    private final ManualClock clock = new ManualClock(ANCHOR);
    private GenesysSimulator simulator;
    private HttpProbe http;
    private ApiIdentity collector;
    private ApiIdentity executor;

    private void start(GenesysSimulator.Builder builder) {
        simulator = builder.clientsPerOrg(40).seed(23).anchor(ANCHOR).clock(clock).start();
        http = new HttpProbe(simulator.baseUrl());
        String orgId = simulator.orgIds().get(0);
        collector = simulator.identity(orgId, IdentityRole.COLLECTOR);
        executor = simulator.identity(orgId, IdentityRole.EXECUTOR);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void throttleStormHitsOnlyTheTargetedIdentityForNCalls() throws Exception {
        start(GenesysSimulator.builder());
        String collectorToken = http.token(collector);
        String executorToken = http.token(executor);
        simulator.faults().throttle(FaultTarget.identity(collector.clientId()), FaultLimit.calls(2), 7);

        HttpProbe.Reply first = http.get(CLIENTS, collectorToken);
        HttpProbe.Reply other = http.get(CLIENTS, executorToken);
        HttpProbe.Reply second = http.get(CLIENTS, collectorToken);
        HttpProbe.Reply third = http.get(CLIENTS, collectorToken);

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.header("Retry-After")).isEqualTo("7");
        assertThat(first.json().get("code").asText()).isEqualTo("too.many.requests.retry.after");
        assertThat(other.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(third.status()).isEqualTo(200);
        assertThat(simulator.metrics().throttled(collector.clientId())).isEqualTo(2);
    }

    @Test
    void throttleStormForADurationEndsWhenTheClockPassesIt() throws Exception {
        start(GenesysSimulator.builder());
        String token = http.token(collector);
        simulator.faults().throttle(FaultTarget.everyone(), FaultLimit.lasting(Duration.ofSeconds(30)), 5);

        assertThat(http.get(CLIENTS, token).status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(30));
        assertThat(http.get(CLIENTS, token).status()).isEqualTo(200);
    }

    @Test
    void serverErrorBurstConfiguredInTheBuilderThenRecovers() throws Exception {
        start(GenesysSimulator.builder().faults(f -> f.serverErrors(FaultTarget.everyone(), FaultLimit.calls(2), 503)));
        String token = http.token(collector);

        assertThat(http.get(CLIENTS, token).status()).isEqualTo(503);
        HttpProbe.Reply second = http.get(CLIENTS, token);
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.json().get("code").asText()).isEqualTo("service.unavailable");
        assertThat(http.get(CLIENTS, token).status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysTheAnswer() throws Exception {
        start(GenesysSimulator.builder());
        String token = http.token(collector);
        simulator.faults().latency(FaultTarget.everyone(), FaultLimit.calls(1), Duration.ofMillis(300));

        long started = System.nanoTime();
        HttpProbe.Reply reply = http.get(CLIENTS, token);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(reply.status()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void connectionResetClosesWithoutAResponse() throws Exception {
        start(GenesysSimulator.builder());
        String token = http.token(collector);
        simulator.faults().connectionResets(FaultTarget.identity(collector.clientId()), FaultLimit.calls(3));

        assertThatThrownBy(() -> http.get(CLIENTS, token)).isInstanceOf(IOException.class);
        assertThat(simulator.requestLog().matching(e -> e.status() == RequestLog.CONNECTION_RESET)).isNotEmpty();
    }

    @Test
    void listingDriftMakesAReaderFollowingNextUriMissClients() throws Exception {
        start(GenesysSimulator.builder().pageSize(10));
        String token = http.token(collector);
        simulator.faults().listingDrift(true);

        List<String> seen = readAllPages(token).seen();

        List<String> unseen = new ArrayList<>();
        simulator.organization(simulator.orgIds().get(0)).listClients(clock.instant())
                .forEach(c -> unseen.add(c.id()));
        unseen.removeAll(seen);
        assertThat(simulator.scriptedEvents()).extracting(ScriptedEvent::kind)
                .contains(ScriptedEvent.Kind.DRIFT_REMOVED, ScriptedEvent.Kind.DRIFT_ADDED);
        assertThat(unseen).as("clients that shifted onto an already-read page were never served").isNotEmpty();
    }

    @Test
    void unevenListingDriftChangesTotalBetweenPages() throws Exception {
        start(GenesysSimulator.builder().pageSize(10));
        String token = http.token(collector);
        simulator.faults().listingDrift(0, 2);

        List<Integer> totals = readAllPages(token).totals();

        assertThat(totals.get(totals.size() - 1)).isGreaterThan(totals.get(0));
    }

    private record Pages(List<String> seen, List<Integer> totals) {
    }

    private Pages readAllPages(String token) throws Exception {
        Pages pages = new Pages(new ArrayList<>(), new ArrayList<>());
        String next = CLIENTS;
        while (next != null) {
            JsonNode page = http.get(next, token).json();
            page.get("entities").forEach(e -> pages.seen().add(e.get("id").asText()));
            pages.totals().add(page.get("total").asInt());
            next = page.has("nextUri") ? page.get("nextUri").asText() : null;
        }
        return pages;
    }

    @Test
    void eventualConsistencyKeepsADeletedClientListedForAWhile() throws Exception {
        start(GenesysSimulator.builder());
        String token = http.token(executor);
        simulator.faults().eventualConsistency(Duration.ofSeconds(30));
        String orgId = simulator.orgIds().get(0);
        SimulatedClient young = simulator.client(orgId,
                simulator.groundTruth().clientsIn(Category.RECENTLY_CREATED).get(0).id()).orElseThrow();
        http.put(CLIENTS + "/" + young.id(), token, putBody(young, "inactive"));
        assertThat(http.delete(CLIENTS + "/" + young.id(), token).status()).isEqualTo(204);

        assertThat(http.get(CLIENTS + "/" + young.id(), token).status()).isEqualTo(404);
        assertThat(http.get(CLIENTS, token).json().toString()).contains(young.id());
        clock.advance(Duration.ofSeconds(30));
        assertThat(http.get(CLIENTS, token).json().toString()).doesNotContain(young.id());
    }

    @Test
    void pendingUsageQueriesStayRunningThroughDaysOfSimulatorTimeForOrgAndClientQueries() throws Exception {
        start(GenesysSimulator.builder());
        String token = http.token(collector);
        String clientId = simulator.groundTruth().clientsIn(Category.ACTIVE_IN_USE).get(0).id();
        simulator.faults().usageQueriesStayPending(true);
        Map<String, Object> query = Map.of("interval", "2025-05-01T00:00:00Z/2025-06-02T00:00:00Z",
                "groupBy", List.of("OAuthClientId"));
        String orgResults = http.post("/api/v2/usage/query", token, Json.mapper().valueToTree(query)).json()
                .get("resultsUri").asText();
        String clientResults = http.post(CLIENTS + "/" + clientId + "/usage/query", token,
                Json.mapper().valueToTree(query)).json().get("resultsUri").asText();

        for (int day = 0; day < 3; day++) {
            clock.advance(Duration.ofDays(1));
            token = http.token(collector);
            assertThat(http.get(orgResults, token).json().get("queryStatus").asText()).isEqualTo("Running");
            assertThat(http.get(clientResults, token).json().get("queryStatus").asText()).isEqualTo("Running");
        }
    }

    @Test
    void usageQueriesStayPendingWhileTheFaultIsOn() throws Exception {
        start(GenesysSimulator.builder());
        String token = http.token(collector);
        simulator.faults().usageQueriesStayPending(true);
        JsonNode submitted = http.post("/api/v2/usage/query", token, Json.mapper().valueToTree(Map.of(
                "interval", "2025-05-01T00:00:00Z/2025-06-02T00:00:00Z", "groupBy", List.of("OAuthClientId")))).json();
        String results = submitted.get("resultsUri").asText();

        for (int i = 0; i < 5; i++) {
            assertThat(http.get(results, token).json().get("queryStatus").asText()).isEqualTo("Running");
        }
        simulator.faults().usageQueriesStayPending(false);
        assertThat(http.get(results, token).json().get("queryStatus").asText()).isEqualTo("Complete");
    }
}
