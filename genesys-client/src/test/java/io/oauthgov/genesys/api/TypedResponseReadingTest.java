package io.oauthgov.genesys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.model.ClientListing;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.genesys.model.UsageRow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers are read straight from their bytes into the model (no JSON tree first). A real HTTP server on loopback
 * serves each path a fixed body, so these pin what that reading accepts, what it refuses as
 * {@code malformed.response}, and that a refusal never quotes the body (bodies can hold client secrets).
 */
class TypedResponseReadingTest {
    private static final String SECRET = "s3cr3t-never-in-a-message";
    private static final String CLIENT = "{\"id\":\"c-1\",\"name\":\"Billing sync\",\"authorizedGrantType\":\"CLIENT-CREDENTIALS\","
            + "\"secret\":\"" + SECRET + "\",\"state\":\"active\",\"dateCreated\":\"2026-01-02T03:04:05.678Z\",\"unknownField\":{\"x\":1}}";

    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private HttpServer server;
    private GenesysClient api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = path.equals("/oauth/token")
                    ? "{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":3600}"
                    : bodies.get(path);
            byte[] bytes = (body == null ? "{\"code\":\"not.found\"}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        api = GenesysClient.connect("org-1", Endpoints.local("http://127.0.0.1:" + server.getAddress().getPort()),
                new ClientCredentials("id", "secret"), GovernanceConfig.defaults());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aDetailReadIgnoresUnknownFieldsAndNeverKeepsTheSecret() {
        bodies.put("/api/v2/oauth/clients/c-1", CLIENT);

        OAuthClient client = api.oauthClients().get("c-1").orElseThrow();

        assertThat(client.id()).isEqualTo("c-1");
        assertThat(client.name()).isEqualTo("Billing sync");
        assertThat(client.dateCreated()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(client.toString()).doesNotContain(SECRET);
    }

    @Test
    void aBodyThatIsNotJsonIsMalformedAndTheMessageQuotesNoneOfIt() {
        bodies.put("/api/v2/oauth/clients/c-1", "{\"id\":\"c-1\",\"secret\":\"" + SECRET + "\",");

        assertThatThrownBy(() -> api.oauthClients().get("c-1"))
                .isInstanceOfSatisfying(GenesysApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("malformed.response");
                    assertThat(e.getMessage()).contains("GET /api/v2/oauth/clients/c-1").doesNotContain(SECRET);
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void aListingWhoseEntitiesAreNotAnArrayIsMalformedNotAnEmptyPage() {
        bodies.put("/api/v2/oauth/clients", "{\"entities\":{\"id\":\"c-1\"},\"total\":1}");

        assertThatThrownBy(() -> api.oauthClients().listAll())
                .isInstanceOfSatisfying(GenesysApiException.class, e -> assertThat(e.code()).isEqualTo("malformed.response"));
    }

    @Test
    void aListingWithANullEntityIsMalformed() {
        bodies.put("/api/v2/oauth/clients", "{\"entities\":[" + CLIENT + ",null],\"total\":2}");

        assertThatThrownBy(() -> api.oauthClients().listAll())
                .isInstanceOfSatisfying(GenesysApiException.class, e -> assertThat(e.code()).isEqualTo("malformed.response"));
    }

    @Test
    void aListingReportsItsEntitiesAndDeclaredTotal() {
        bodies.put("/api/v2/oauth/clients", "{\"entities\":[" + CLIENT + "],\"total\":1,\"pageCount\":1}");

        ClientListing listing = api.oauthClients().listAll();

        assertThat(listing.entities()).extracting(OAuthClient::id).containsExactly("c-1");
        assertThat(listing.declaredTotal()).isEqualTo(1);
    }

    /** One day's organization usage, whose results endpoint answers {@code results}. */
    private List<UsageRow> usageOfOneDay(String results) {
        bodies.put("/api/v2/usage/query", "{\"executionId\":\"q-1\"}");
        bodies.put("/api/v2/usage/query/q-1/results", results);
        return api.usage().organizationUsageByEndpoint(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void aCompleteUsageResultIsReadRowByRowInAnyFieldOrder() {
        List<UsageRow> rows = usageOfOneDay("{\"results\":[{\"clientId\":\"c-1\",\"templateUri\":\"api/v2/users\","
                + "\"httpMethod\":\"GET\",\"requests\":7,\"status200\":7,\"date\":\"2026-11-30T00:00:00Z\"}],\"queryStatus\":\"Complete\"}");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.clientId()).isEqualTo("c-1");
            assertThat(row.requests()).isEqualTo(7);
            assertThat(row.date()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        });
    }

    @Test
    void aUsageResultWithANullRowIsMalformedNotFewerRows() {
        assertThatThrownBy(() -> usageOfOneDay("{\"queryStatus\":\"Complete\",\"results\":[null]}"))
                .isInstanceOfSatisfying(GenesysApiException.class, e -> assertThat(e.code()).isEqualTo("malformed.response"));
    }

    @Test
    void aFailedUsageQueryFailsAsSuch() {
        assertThatThrownBy(() -> usageOfOneDay("{\"queryStatus\":\"Failed\"}"))
                .isInstanceOfSatisfying(GenesysApiException.class, e -> assertThat(e.code()).isEqualTo("query.failed"));
    }

    @Test
    void anAuditPageIsReadWithItsCursor() {
        bodies.put("/api/v2/audits/query/tx-1/results", "{\"entities\":[{\"id\":\"a-1\",\"serviceName\":\"PeoplePermissions\","
                + "\"eventDate\":\"2026-11-30T10:00:00Z\",\"client\":{\"id\":\"c-1\"}}],\"cursor\":\"next\"}");

        var page = api.audits().page("tx-1", null, 100);

        assertThat(page.entities()).hasSize(1);
        assertThat(page.entities().get(0).clientId()).isEqualTo("c-1");
        assertThat(page.cursor()).isEqualTo("next");
    }
}
