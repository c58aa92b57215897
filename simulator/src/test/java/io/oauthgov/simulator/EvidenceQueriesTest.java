package io.oauthgov.simulator;

import static io.oauthgov.simulator.Fixtures.ANCHOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.SimulatedClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvidenceQueriesTest {
    private static final String LAST_180_DAYS = "2024-12-04T12:00:00Z/2025-06-02T12:00:01Z";
    private static final String LAST_7_DAYS = "2025-05-26T12:00:00Z/2025-06-02T12:00:01Z";

    private final ManualClock clock = new ManualClock(ANCHOR);
    private GenesysSimulator simulator;
    private HttpProbe http;
    private String orgId;
    private String token;

    @BeforeEach
    void start() throws Exception {
        simulator = GenesysSimulator.builder().clientsPerOrg(80).seed(5).anchor(ANCHOR).clock(clock).start();
        http = new HttpProbe(simulator.baseUrl());
        orgId = simulator.orgIds().get(0);
        token = http.token(simulator.identity(orgId, IdentityRole.COLLECTOR));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void orgWideUsageHasRowsOnlyForClientsUsedInTheInterval() throws Exception {
        Set<String> used = usedClients(LAST_180_DAYS);

        assertThat(ids(Category.OLD_METADATA_BUT_USED)).allMatch(used::contains);
        assertThat(ids(Category.HIGH_RISK_SCOPES)).allMatch(used::contains);
        assertThat(ids(Category.STALE_UNUSED)).noneMatch(used::contains);
        assertThat(ids(Category.PROTECTED)).noneMatch(used::contains);
        assertThat(ids(Category.USER_FACING_GRANT)).noneMatch(used::contains);
    }

    @Test
    void tokenOnlyClientsHaveNoUsageRowsEverButRecentTokenGrantsInTheAuditLog() throws Exception {
        List<String> tokenOnly = ids(Category.TOKEN_ONLY_USE);
        Set<String> everUsed = usedClients("2018-01-01T00:00:00Z/2025-06-03T00:00:00Z");

        List<JsonNode> grants = auditResults(Map.of("interval", LAST_7_DAYS, "serviceName", "PeoplePermissions",
                "filters", List.of(Map.of("property", "EntityType", "value", "AccessToken"))), 25);

        assertThat(tokenOnly).isNotEmpty().noneMatch(everUsed::contains);
        assertThat(grants).extracting(e -> e.get("client").get("id").asText()).containsAll(tokenOnly);
    }

    @Test
    void tokenGrantHasTheShapeOfARealGenesysAccessTokenEntry() throws Exception {
        String tokenOnly = ids(Category.TOKEN_ONLY_USE).get(0);

        List<JsonNode> grants = auditResults(Map.of("interval", LAST_7_DAYS, "serviceName", "PeoplePermissions",
                "filters", List.of(Map.of("property", "ClientId", "value", tokenOnly))), 25);

        assertThat(grants).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("serviceName").asText()).isEqualTo("PeoplePermissions");
            assertThat(e.get("entityType").asText()).isEqualTo("AccessToken");
            assertThat(e.get("action").asText()).isEqualTo("Create");
            assertThat(e.get("status").asText()).isEqualTo("SUCCESS");
            assertThat(e.get("message").get("localizableMessageCode").asText()).isEqualTo("ACCESSTOKENCREATE_SUCCESS");
            assertThat(e.get("message").get("message").asText()).isEqualTo("access token created");
            assertThat(e.get("client").get("id").asText()).isEqualTo(tokenOnly);
            assertThat(e.get("entity").get("id").asText()).as("the entity is the token").isNotEqualTo(tokenOnly);
            assertThat(e.has("user")).as("a client-credentials grant has no user").isFalse();
            assertThat(e.get("eventDate").asText()).isGreaterThan("2025-05-27");
        });
    }

    @Test
    void tokenGrantsAreFilteredByServiceIntervalAndPagedLikeEveryOtherEntry() throws Exception {
        String tokenOnly = ids(Category.TOKEN_ONLY_USE).get(0);
        List<Map<String, String>> byClient = List.of(Map.of("property", "ClientId", "value", tokenOnly));

        List<JsonNode> lastWeek = auditResults(Map.of("interval", LAST_7_DAYS, "serviceName", "PeoplePermissions",
                "filters", byClient), 25);
        List<JsonNode> onePerPage = auditResults(Map.of("interval", LAST_7_DAYS, "serviceName", "PeoplePermissions",
                "filters", byClient), 1);
        List<JsonNode> otherService = auditResults(Map.of("interval", LAST_7_DAYS, "serviceName", "Directory",
                "filters", byClient), 25);
        List<JsonNode> weekBefore = auditResults(Map.of("interval", "2025-05-19T12:00:00Z/2025-05-26T12:00:00Z",
                "serviceName", "PeoplePermissions", "filters", byClient), 25);

        assertThat(lastWeek).hasSizeGreaterThanOrEqualTo(2);
        assertThat(onePerPage).extracting(e -> e.get("id").asText())
                .containsExactlyElementsOf(lastWeek.stream().map(e -> e.get("id").asText()).toList());
        assertThat(otherService).isEmpty();
        assertThat(weekBefore).isEmpty();
    }

    @Test
    void perClientUsageQueryAndSummaryAnswerForThatClientOnly() throws Exception {
        String clientId = ids(Category.OLD_METADATA_BUT_USED).get(0);
        String base = "/api/v2/oauth/clients/" + clientId + "/usage";

        JsonNode submitted = http.post(base + "/query", token, Json.mapper().valueToTree(Map.of(
                "interval", LAST_180_DAYS, "granularity", "Week", "metrics", List.of("Requests"),
                "groupBy", List.of("OAuthClientId", "TemplateUri")))).json();
        JsonNode results = pollUsage(submitted.get("resultsUri").asText());
        JsonNode summary = http.get(base + "/summary?days=7", token).json();

        assertThat(results.get("results")).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("clientId").asText()).isEqualTo(clientId);
            assertThat(row.get("requests").asLong()).isPositive();
            assertThat(row.has("status200")).as("only requested metrics").isFalse();
        });
        assertThat(pollUsage(summary.get("resultsUri").asText()).get("results")).isNotEmpty();
    }

    @Test
    void recordedUseShowsUpInUsageAndInTheAuditLog() throws Exception {
        String stale = ids(Category.STALE_UNUSED).get(0);
        assertThat(usedClients(LAST_180_DAYS)).doesNotContain(stale);

        simulator.recordUse(orgId, stale, ANCHOR.minusSeconds(60));

        assertThat(usedClients(LAST_180_DAYS)).contains(stale);
        List<JsonNode> audits = auditResults(Map.of("interval", LAST_180_DAYS, "serviceName", "Directory",
                "filters", List.of(Map.of("property", "ClientId", "value", stale))), 25);
        assertThat(audits).singleElement().satisfies(e -> assertThat(e.get("client").get("id").asText())
                .isEqualTo(stale));
    }

    @Test
    void auditQueryGoesQueuedRunningSucceededAndPagesByCursor() throws Exception {
        JsonNode submitted = http.post("/api/v2/audits/query", token, Json.mapper().valueToTree(Map.of(
                "interval", "2018-01-01T00:00:00Z/2025-06-03T00:00:00Z", "serviceName", "PeoplePermissions",
                "filters", List.of(Map.of("property", "EntityType", "value", "OAuthClient"))))).json();
        String id = submitted.get("id").asText();
        assertThat(submitted.get("state").asText()).isEqualTo("Queued");
        assertThat(http.get("/api/v2/audits/query/" + id + "/results", token).status())
                .as("results before success").isEqualTo(400);
        assertThat(http.get("/api/v2/audits/query/" + id, token).json().get("state").asText()).isEqualTo("Running");
        assertThat(http.get("/api/v2/audits/query/" + id, token).json().get("state").asText())
                .isEqualTo("Succeeded");

        JsonNode firstPage = http.get("/api/v2/audits/query/" + id + "/results", token).json();
        List<JsonNode> all = readAuditPages(id, 7);

        assertThat(firstPage.get("pageSize").asInt()).isEqualTo(25);
        assertThat(firstPage.get("entities")).hasSize(25);
        assertThat(firstPage.has("cursor")).isTrue();
        assertThat(all).hasSizeGreaterThan(82).allSatisfy(e -> {
            assertThat(e.get("entityType").asText()).isEqualTo("OAuthClient");
            assertThat(e.get("serviceName").asText()).isEqualTo("PeoplePermissions");
        });
        assertThat(http.get("/api/v2/audits/query/" + id + "/results?pageSize=501", token).status()).isEqualTo(400);
    }

    @Test
    void auditQueryNeedsAKnownServiceNameListedInTheServiceMapping() throws Exception {
        JsonNode mapping = http.get("/api/v2/audits/query/servicemapping", token).json();
        int unknown = http.post("/api/v2/audits/query", token, Json.mapper().valueToTree(Map.of(
                "interval", LAST_180_DAYS, "serviceName", "NoSuchService"))).status();

        JsonNode peoplePermissions = null;
        for (JsonNode service : mapping.get("services")) {
            peoplePermissions = "PeoplePermissions".equals(service.get("name").asText()) ? service : peoplePermissions;
        }
        assertThat(peoplePermissions).isNotNull();
        assertThat(peoplePermissions.get("entities").toString()).contains("OAuthClient")
                .contains("{\"name\":\"AccessToken\",\"actions\":[\"Create\",\"Delete\"]}");
        assertThat(unknown).isEqualTo(400);
    }

    @Test
    void realtimeAuditQueryIsPageNumberedAndCoversOnlyRecentHistory() throws Exception {
        String used = ids(Category.ACTIVE_IN_USE).get(0);
        simulator.recordUse(orgId, used, ANCHOR.minus(Duration.ofDays(1)));

        JsonNode page = http.post("/api/v2/audits/query/realtime", token, Json.mapper().valueToTree(Map.of(
                "interval", "2018-01-01T00:00:00Z/2025-06-03T00:00:00Z", "serviceName", "Directory",
                "pageNumber", 1, "pageSize", 2))).json();

        assertThat(page.get("pageSize").asInt()).isEqualTo(2);
        assertThat(page.get("total").asInt()).isPositive();
        assertThat(page.get("pageCount").asInt()).isEqualTo((page.get("total").asInt() + 1) / 2);
        page.get("entities").forEach(e -> assertThat(e.get("eventDate").asText()).isGreaterThan("2025-05-19"));
    }

    @Test
    void midRunScriptChangesAndDeletesItsClientsOnce() throws Exception {
        SimulatedClient changing = simulator.client(orgId, ids(Category.CHANGES_MID_RUN).get(0)).orElseThrow();
        String vanishing = ids(Category.VANISHES_MID_RUN).get(0);

        List<ScriptedEvent> events = simulator.triggerMidRunChanges(orgId);

        SimulatedClient changed = simulator.client(orgId, changing.id()).orElseThrow();
        assertThat(changed.scope()).hasSize(changing.scope().size() + 1);
        assertThat(changed.dateModified()).isEqualTo(ANCHOR);
        assertThat(usedClients(LAST_180_DAYS)).contains(changing.id());
        assertThat(http.get("/api/v2/oauth/clients/" + vanishing, token).status()).isEqualTo(404);
        assertThat(events).extracting(ScriptedEvent::kind)
                .contains(ScriptedEvent.Kind.CHANGED_MID_RUN, ScriptedEvent.Kind.VANISHED_MID_RUN);
        assertThat(simulator.triggerMidRunChanges(orgId)).as("runs once per org").isEmpty();
    }

    @Test
    void midRunScriptCanFireAfterTheFirstFullListing() throws Exception {
        simulator.close();
        simulator = GenesysSimulator.builder().clientsPerOrg(80).seed(5).anchor(ANCHOR).clock(clock)
                .midRunTrigger(MidRunTrigger.AFTER_FIRST_FULL_LISTING).start();
        http = new HttpProbe(simulator.baseUrl());
        ApiIdentity collector = simulator.identity(orgId, IdentityRole.COLLECTOR);
        String collectorToken = http.token(collector);
        String vanishing = ids(Category.VANISHES_MID_RUN).get(0);

        JsonNode firstListing = http.get("/api/v2/oauth/clients", collectorToken).json();
        JsonNode secondListing = http.get("/api/v2/oauth/clients", collectorToken).json();

        assertThat(firstListing.toString()).contains(vanishing);
        assertThat(secondListing.toString()).doesNotContain(vanishing);
    }

    private List<String> ids(Category category) {
        return simulator.groundTruth().clientsIn(category).stream().map(ClientTruth::id).toList();
    }

    private Set<String> usedClients(String interval) throws Exception {
        JsonNode submitted = http.post("/api/v2/usage/query", token, Json.mapper().valueToTree(Map.of(
                "interval", interval, "granularity", "Month", "groupBy", List.of("OAuthClientId")))).json();
        Set<String> used = new HashSet<>();
        pollUsage(submitted.get("resultsUri").asText()).get("results")
                .forEach(row -> used.add(row.get("clientId").asText()));
        return used;
    }

    private JsonNode pollUsage(String resultsUri) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            JsonNode result = http.get(resultsUri, token).json();
            if ("Complete".equals(result.get("queryStatus").asText())) {
                return result;
            }
        }
        throw new AssertionError("usage query never completed");
    }

    private List<JsonNode> auditResults(Map<String, Object> query, int pageSize) throws Exception {
        String id = http.post("/api/v2/audits/query", token, Json.mapper().valueToTree(query)).json().get("id")
                .asText();
        for (int attempt = 0; attempt < 10; attempt++) {
            if ("Succeeded".equals(http.get("/api/v2/audits/query/" + id, token).json().get("state").asText())) {
                return readAuditPages(id, pageSize);
            }
        }
        throw new AssertionError("audit query never succeeded");
    }

    private List<JsonNode> readAuditPages(String id, int pageSize) throws Exception {
        List<JsonNode> all = new java.util.ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = http.get("/api/v2/audits/query/" + id + "/results?pageSize=" + pageSize + "&cursor="
                    + cursor, token).json();
            page.get("entities").forEach(all::add);
            cursor = page.has("cursor") ? page.get("cursor").asText() : null;
        } while (cursor != null);
        return all;
    }
}
