package io.oauthgov.simulator;

import static io.oauthgov.simulator.Fixtures.ANCHOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.Permissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A collector that runs without the usage permission must be told so, not be shown an empty ledger. */
class UsagePermissionTest {
    private static final String INTERVAL = "2025-05-01T00:00:00Z/2025-06-02T00:00:00Z";

    private final ManualClock clock = new ManualClock(ANCHOR);
    private GenesysSimulator simulator;
    private HttpProbe http;
    private ApiIdentity collector;

    @BeforeEach
    void start() {
        simulator = GenesysSimulator.builder().clientsPerOrg(40).seed(29).anchor(ANCHOR).clock(clock)
                .withoutPermission(IdentityRole.COLLECTOR, Permissions.USAGE_VIEW).start();
        http = new HttpProbe(simulator.baseUrl());
        collector = simulator.identity(simulator.orgIds().get(0), IdentityRole.COLLECTOR);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void identityWithoutTheUsagePermissionGets403OnBothUsageQueriesButStillReadsAudits() throws Exception {
        String token = http.token(collector);
        String clientId = simulator.groundTruth().clientsIn(Category.ACTIVE_IN_USE).get(0).id();

        HttpProbe.Reply orgWide = http.post("/api/v2/usage/query", token, Json.mapper().valueToTree(Map.of(
                "interval", INTERVAL, "groupBy", List.of("OAuthClientId"))));
        HttpProbe.Reply perClient = http.post("/api/v2/oauth/clients/" + clientId + "/usage/query", token,
                Json.mapper().valueToTree(Map.of("interval", INTERVAL, "groupBy", List.of("OAuthClientId"))));
        HttpProbe.Reply audit = http.post("/api/v2/audits/query", token, Json.mapper().valueToTree(Map.of(
                "interval", INTERVAL, "serviceName", "PeoplePermissions")));

        for (HttpProbe.Reply reply : List.of(orgWide, perClient)) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().get("code").asText()).isEqualTo("missing.any.permissions");
            assertThat(reply.json().get("message").asText()).contains(Permissions.USAGE_VIEW);
        }
        assertThat(audit.status()).isEqualTo(202);
    }

    @Test
    void revokedPermissionIsAlsoMissingFromTheIdentityAndTheGroundTruth() {
        assertThat(collector.permissions()).doesNotContain(Permissions.USAGE_VIEW).contains(Permissions.AUDIT_VIEW);
        assertThat(simulator.identity(collector.orgId(), IdentityRole.EXECUTOR).permissions())
                .as("other roles keep theirs").contains(Permissions.USAGE_VIEW);
        assertThat(simulator.groundTruth().orgs().get(0).identities())
                .filteredOn(i -> i.clientId().equals(collector.clientId()))
                .singleElement().satisfies(i -> assertThat(i.permissions()).doesNotContain(Permissions.USAGE_VIEW));
    }
}
