package io.oauthgov.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.model.UsageRow;
import java.time.Instant;
import java.util.List;

/**
 * API usage per OAuth client, asynchronous: submit a query, poll its results until Complete. The organization-wide
 * query grouped by client answers for every client in one call, which is what the collector uses; the per-client
 * query is the fallback where the org-wide one is unavailable.
 */
public final class UsageApi {
    private static final String ORG_QUERY = "/api/v2/usage/query";
    private static final List<String> METRICS = List.of("Requests", "Status200", "Status300", "Status400", "Status500", "Status429");

    private final GovernedCaller caller;
    private final AsyncPoller poller;

    /** Queries are polled with a growing pause and abandoned after {@code maxWait}. */
    public UsageApi(GovernedCaller caller, java.time.Clock clock, io.oauthgov.genesys.governance.Sleeper sleeper, java.time.Duration maxWait) {
        this.caller = caller;
        this.poller = new AsyncPoller(clock, sleeper, maxWait);
    }

    /** Daily rows per client for the whole organization over [from, to). */
    public List<UsageRow> organizationUsageByClient(Instant from, Instant to) {
        String executionId = submit(ORG_QUERY, body(from, to, List.of("OAuthClientId")));
        return results("organization usage query", ORG_QUERY + "/" + executionId + "/results");
    }

    /**
     * Daily rows per client and endpoint (template URI and HTTP method) for the whole organization over [from, to):
     * the same requests as {@link #organizationUsageByClient}, broken down by what was called, which is what tells a
     * client that only reads from one that writes.
     */
    public List<UsageRow> organizationUsageByEndpoint(Instant from, Instant to) {
        return submitOrganizationUsageByEndpoint(from, to).await();
    }

    /** Submits {@link #organizationUsageByEndpoint}'s query now; its rows are read when awaited. */
    public PendingQuery<List<UsageRow>> submitOrganizationUsageByEndpoint(Instant from, Instant to) {
        String executionId = submit(ORG_QUERY, body(from, to, List.of("OAuthClientId", "TemplateUri", "HttpMethod")));
        return () -> results("organization usage query by endpoint", ORG_QUERY + "/" + executionId + "/results");
    }

    /** Daily rows of one client over [from, to). */
    public List<UsageRow> clientUsage(String clientId, Instant from, Instant to) {
        String base = OAuthClientsApi.PATH + "/" + clientId + "/usage/query";
        String executionId = submit(base, body(from, to, List.of("OAuthClientId")));
        return results("usage query of client " + clientId, base + "/results/" + executionId);
    }

    private String submit(String path, JsonNode body) {
        JsonNode answer = caller.call("POST", path, body, false).orElseThrow().body();
        String id = answer.path("executionId").asText(null);
        if (id == null) {
            throw new GenesysApiException("Usage query answer has no executionId", 200, "malformed.response", null, null, false, null);
        }
        return id;
    }

    /** The results endpoint's answer, read straight from the bytes: a batch of many days is one large body. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record UsageResults(String queryStatus, List<UsageRow> results) {}

    private List<UsageRow> results(String what, String path) {
        UsageResults done = poller.await(what, () -> {
            UsageResults answer = Json.read(caller.call("GET", path, null, false).orElseThrow(), UsageResults.class, "usage results");
            String status = answer.queryStatus() == null ? "" : answer.queryStatus();
            if (status.equalsIgnoreCase("Failed")) {
                throw new GenesysApiException(what + " failed on the platform", 200, "query.failed", null, null, true, null);
            }
            return status.equalsIgnoreCase("Complete") ? answer : null;
        });
        return Json.elements(done.results(), what);
    }

    private static JsonNode body(Instant from, Instant to, List<String> groupBy) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("interval", from + "/" + to);
        body.put("granularity", "Day");
        METRICS.forEach(body.putArray("metrics")::add);
        groupBy.forEach(body.putArray("groupBy")::add);
        return body;
    }
}
