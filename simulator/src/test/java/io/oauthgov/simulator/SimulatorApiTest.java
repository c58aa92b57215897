package io.oauthgov.simulator;

import static io.oauthgov.simulator.Fixtures.ANCHOR;
import static io.oauthgov.simulator.Fixtures.putBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.AuditEntry;
import io.oauthgov.simulator.model.AuditFilter;
import io.oauthgov.simulator.model.IdentityRole;
import io.oauthgov.simulator.model.SimulatedClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorApiTest {
    private static final String CLIENTS = "/api/v2/oauth/clients";

    private final ManualClock clock = new ManualClock(ANCHOR);
    private GenesysSimulator simulator;
    private HttpProbe http;
    private String orgId;
    private ApiIdentity collector;
    private ApiIdentity executor;

    @BeforeEach
    void start() {
        simulator = GenesysSimulator.builder().clientsPerOrg(60).seed(17).anchor(ANCHOR).clock(clock)
                .tokenLifetime(Duration.ofHours(1)).identityRateLimit(1000).start();
        http = new HttpProbe(simulator.baseUrl());
        orgId = simulator.orgIds().get(0);
        collector = simulator.identity(orgId, IdentityRole.COLLECTOR);
        executor = simulator.identity(orgId, IdentityRole.EXECUTOR);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void loginIssuesBearerTokenAndRefusesBadCredentialsWithGenesysShapedBody() throws Exception {
        HttpProbe.Reply ok = http.login(collector.clientId(), collector.secret());
        HttpProbe.Reply bad = http.login(collector.clientId(), "wrong");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(ok.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(bad.json().get("contextId").asText()).isEqualTo(bad.header("ININ-Correlation-Id"));
    }

    @Test
    void everyLoginIsAuditedAsAnAccessTokenGrantOfTheClientThatLoggedInAndARefusedOneIsNot() throws Exception {
        http.login(collector.clientId(), "wrong");
        String token = http.token(collector);

        List<AuditEntry> grants = simulator.organization(orgId).audits(ANCHOR.minusSeconds(1), ANCHOR.plusSeconds(1),
                "PeoplePermissions", List.of(new AuditFilter("ClientId", collector.clientId())), false);

        assertThat(token).isNotBlank();
        assertThat(grants).singleElement().satisfies(g -> {
            assertThat(g.entityType()).isEqualTo("AccessToken");
            assertThat(g.action()).isEqualTo("Create");
            assertThat(g.status()).isEqualTo("SUCCESS");
            assertThat(g.eventDate()).isEqualTo(ANCHOR);
            assertThat(g.entity().id()).isNotEqualTo(collector.clientId());
        });
    }

    @Test
    void unknownOrExpiredTokenIsAuthenticationRequired() throws Exception {
        String token = http.token(collector);
        assertThat(http.get(CLIENTS, token).status()).isEqualTo(200);

        HttpProbe.Reply unknown = http.get(CLIENTS, "not-a-token");
        clock.advance(Duration.ofHours(1));
        HttpProbe.Reply expired = http.get(CLIENTS, token);

        for (HttpProbe.Reply reply : new HttpProbe.Reply[] {unknown, expired}) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("code").asText()).isEqualTo("authentication.required");
            assertThat(reply.header("ININ-Correlation-Id")).isNotBlank();
            assertThat(reply.header("inin-ratelimit-allowed")).isNotBlank();
        }
    }

    @Test
    void collectorWithoutDeletePermissionGets403NamingThePermission() throws Exception {
        String clientId = clientOf(Category.STALE_UNUSED).id();

        HttpProbe.Reply reply = http.delete(CLIENTS + "/" + clientId, http.token(collector));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("code").asText()).isEqualTo("missing.any.permissions");
        assertThat(reply.json().get("message").asText()).contains("oauth:client:delete");
        assertThat(simulator.client(orgId, clientId)).isPresent();
    }

    @Test
    void absentClientIs404NotFound() throws Exception {
        HttpProbe.Reply reply = http.get(CLIENTS + "/00000000-0000-4000-8000-000000000000", http.token(collector));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("not.found");
        assertThat(reply.json().has("contextId")).isTrue();
    }

    @Test
    void listingIsOnePageByDefaultAndOmitsGrantTypeWhichTheSingleGetHas() throws Exception {
        String token = http.token(collector);

        JsonNode listing = http.get(CLIENTS, token).json();
        JsonNode first = listing.get("entities").get(0);
        JsonNode single = http.get(CLIENTS + "/" + first.get("id").asText(), token).json();

        assertThat(listing.get("total").asInt()).isEqualTo(62).isEqualTo(listing.get("entities").size());
        assertThat(listing.get("pageCount").asInt()).isEqualTo(1);
        assertThat(listing.has("nextUri")).isFalse();
        assertThat(first.has("authorizedGrantType")).isFalse();
        assertThat(single.get("authorizedGrantType").asText()).isNotBlank();
        assertThat(single.get("secret").asText()).isIn(simulator.issuedSecrets());
        assertThat(single.get("dateCreated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void pagedListingIsFollowedThroughNextUri() throws Exception {
        simulator.close();
        simulator = GenesysSimulator.builder().clientsPerOrg(60).seed(17).anchor(ANCHOR).clock(clock).pageSize(25)
                .start();
        http = new HttpProbe(simulator.baseUrl());
        String token = http.token(simulator.identity(simulator.orgIds().get(0), IdentityRole.COLLECTOR));

        Set<String> ids = new HashSet<>();
        String next = CLIENTS;
        int pages = 0;
        JsonNode page = null;
        while (next != null) {
            page = http.get(next, token).json();
            page.get("entities").forEach(e -> ids.add(e.get("id").asText()));
            next = page.has("nextUri") ? page.get("nextUri").asText() : null;
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(page.get("pageCount").asInt()).isEqualTo(3);
        assertThat(page.has("previousUri")).isTrue();
        assertThat(ids).hasSize(page.get("total").asInt());
    }

    @Test
    void deleteRefusesActiveClientThenPurgesYoungDeactivatedClientAtOnce() throws Exception {
        String token = http.token(executor);
        SimulatedClient young = clientOf(Category.RECENTLY_CREATED);
        String path = CLIENTS + "/" + young.id();

        HttpProbe.Reply refused = http.delete(path, token);
        HttpProbe.Reply deactivated = http.put(path, token, putBody(young, "inactive"));
        HttpProbe.Reply deleted = http.delete(path, token);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("cannot.delete.client");
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("state").asText()).isEqualTo("inactive");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(http.get(path, token).status()).isEqualTo(404);
        assertThat(simulator.deletionLog().deletions()).singleElement().satisfies(d -> {
            assertThat(d.clientId()).isEqualTo(young.id());
            assertThat(d.identity()).isEqualTo(executor.clientId());
            assertThat(d.scheduled()).isFalse();
        });
    }

    @Test
    void clientOlderThan30DaysStaysInactiveForSevenDaysRestorableThenPurges() throws Exception {
        String token = http.token(executor);
        SimulatedClient old = clientOf(Category.STALE_UNUSED);
        String path = CLIENTS + "/" + old.id();
        http.put(path, token, putBody(old, "inactive"));

        assertThat(http.delete(path, token).status()).isEqualTo(204);
        JsonNode pending = http.get(path, token).json();
        assertThat(pending.get("state").asText()).isEqualTo("inactive");
        assertThat(pending.get("dateToDelete").asText()).isEqualTo("2025-06-09T12:00:00.000Z");

        JsonNode restored = http.put(path, token, putBody(old, "active")).json();
        assertThat(restored.get("state").asText()).isEqualTo("active");
        assertThat(restored.has("dateToDelete")).as("restoring cancels the purge").isFalse();

        http.put(path, token, putBody(old, "inactive"));
        http.delete(path, token);
        clock.advance(Duration.ofDays(7));
        assertThat(http.get(path, http.token(executor)).status()).isEqualTo(404);
        assertThat(simulator.deletionLog().toJson()).contains(old.id()).contains("\"scheduled\" : true");
    }

    @Test
    void putReplacesTheWholeClientAndRejectsMissingRequiredFields() throws Exception {
        String token = http.token(executor);
        SimulatedClient client = clientOf(Category.ACTIVE_IN_USE);
        var body = putBody(client, "active");
        body.remove("name");

        HttpProbe.Reply reply = http.put(CLIENTS + "/" + client.id(), token, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).contains("name");
        assertThat(http.put(CLIENTS + "/" + client.id(), http.token(collector), putBody(client, "inactive")).status())
                .as("collector lacks oauth:client:edit").isEqualTo(403);
    }

    @Test
    void rateLimitIsExactOverHttpAndCountedInMetricsAndRequestLog() throws Exception {
        simulator.close();
        simulator = GenesysSimulator.builder().clientsPerOrg(5).anchor(ANCHOR).clock(clock).identityRateLimit(5)
                .start();
        http = new HttpProbe(simulator.baseUrl());
        ApiIdentity identity = simulator.identity(simulator.orgIds().get(0), IdentityRole.COLLECTOR);
        String token = http.token(identity);

        for (int i = 1; i <= 5; i++) {
            HttpProbe.Reply ok = http.get(CLIENTS, token);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("inin-ratelimit-count")).isEqualTo(Integer.toString(i));
            assertThat(ok.header("inin-ratelimit-allowed")).isEqualTo("5");
        }
        HttpProbe.Reply throttled = http.get(CLIENTS, token);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("60");
        assertThat(throttled.json().get("code").asText()).isEqualTo("too.many.requests.retry.after");
        assertThat(throttled.json().get("contextId").asText()).isEqualTo(throttled.header("ININ-Correlation-Id"));
        assertThat(simulator.metrics().requests(identity.clientId())).isEqualTo(6);
        assertThat(simulator.metrics().throttled(identity.clientId())).isEqualTo(1);
        assertThat(simulator.requestLog().matching(e -> e.status() == 429)).singleElement()
                .satisfies(e -> assertThat(e.identity()).isEqualTo(identity.clientId()));

        clock.advance(Duration.ofSeconds(60));
        assertThat(http.get(CLIENTS, token).status()).as("window slid past").isEqualTo(200);
    }

    private SimulatedClient clientOf(Category category) {
        String id = simulator.groundTruth().clientsIn(category).get(0).id();
        return simulator.client(orgId, id).orElseThrow();
    }

    @Test
    void listsRolesWithTheirPermissionPoliciesPageByPage() throws Exception {
        String token = http.token(collector);

        HttpProbe.Reply first = http.get("/api/v2/authorization/roles?pageSize=4", token);
        Set<String> names = new HashSet<>();
        HttpProbe.Reply page = first;
        while (true) {
            page.json().get("entities").forEach(e -> names.add(e.get("name").asText()));
            if (!page.json().has("nextUri")) {
                break;
            }
            page = http.get(page.json().get("nextUri").asText(), token);
        }

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("pageSize").asInt()).isEqualTo(4);
        assertThat(first.json().get("total").asInt()).isEqualTo(simulator.organization(orgId).roles().size())
                .isEqualTo(names.size());
        assertThat(first.json().get("pageCount").asInt()).isGreaterThan(1);
        JsonNode admin = http.get("/api/v2/authorization/roles/" + simulator.organization(orgId).roles().get(0).id(),
                token).json();
        assertThat(admin.get("name").asText()).isEqualTo("Master Admin");
        assertThat(admin.get("defaultRoleId").asText()).isEqualTo("admin");
        assertThat(admin.get("permissionPolicies").get(0).get("domain").asText()).isEqualTo("*");
        assertThat(admin.get("permissionPolicies").get(0).get("actionSet").get(0).asText()).isEqualTo("*");
    }

    @Test
    void listsDivisionsAndTheHomeDivisionButOnlyWithTheViewPermissions() throws Exception {
        String token = http.token(collector);

        HttpProbe.Reply divisions = http.get("/api/v2/authorization/divisions", token);
        HttpProbe.Reply home = http.get("/api/v2/authorization/divisions/home", token);
        HttpProbe.Reply forbidden = http.get("/api/v2/authorization/divisions", http.token(executor));

        assertThat(divisions.json().get("total").asInt()).isEqualTo(divisions.json().get("entities").size())
                .isGreaterThan(1);
        assertThat(home.json().get("homeDivision").asBoolean()).isTrue();
        assertThat(home.json().get("id").asText()).isEqualTo(divisions.json().get("entities").get(0).get("id").asText());
        assertThat(forbidden.status()).as("the executor identity has no authorization:division:view").isEqualTo(403);
    }
}
