package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.faults.FaultPlan;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.Permissions;
import io.oauthgov.simulator.model.UsageQuery;
import io.oauthgov.simulator.model.UsageRow;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Usage queries, per client and organization-wide. Submitting answers {@code {executionId, resultsUri}}; the
 * results go {@code Running} (first poll) then {@code Complete}, or stay {@code Running} under the pending fault.
 * Rows exist only for clients with use in the interval.
 */
public final class UsageResource {
    private static final String CLIENT_QUERY = ClientJson.CLIENTS_PATH + "/{clientId}/usage/query";
    private static final String ORG_QUERY = "/api/v2/usage/query";

    private record Submitted(List<UsageRow> rows, Set<String> metrics) {
    }

    private final QueryBook<Submitted> queries = new QueryBook<>();
    private final FaultPlan faults;
    private final Duration stageDuration;

    public UsageResource(FaultPlan faults, Duration stageDuration) {
        this.faults = faults;
        this.stageDuration = stageDuration;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("POST", CLIENT_QUERY, Permissions.USAGE_VIEW, this::submitForClient),
                Route.of("GET", CLIENT_QUERY + "/results/{executionId}", Permissions.USAGE_VIEW,
                        this::clientResults),
                Route.of("GET", ClientJson.CLIENTS_PATH + "/{clientId}/usage/summary", Permissions.USAGE_VIEW,
                        this::summary),
                Route.of("POST", ORG_QUERY, Permissions.USAGE_VIEW, this::submitForOrg),
                Route.of("GET", ORG_QUERY + "/{executionId}/results", Permissions.USAGE_VIEW, this::orgResults));
    }

    private ApiResponse submitForClient(ApiCall call) throws IOException {
        String clientId = call.path("clientId");
        if (call.org().client(clientId, call.now()).isEmpty()) {
            return call.notFound("OAuth client " + clientId);
        }
        UsageQueryParser.Parsed parsed = UsageQueryParser.parse(call.json());
        if (parsed.error() != null) {
            return call.badRequest(parsed.error());
        }
        String id = submit(call, clientId, parsed.query(), parsed.metrics(), clientId);
        return accepted(id, ClientJson.CLIENTS_PATH + "/" + clientId + "/usage/query/results/" + id);
    }

    private ApiResponse summary(ApiCall call) {
        String clientId = call.path("clientId");
        if (call.org().client(clientId, call.now()).isEmpty()) {
            return call.notFound("OAuth client " + clientId);
        }
        int days;
        try {
            days = call.query("days") == null ? 7 : Integer.parseInt(call.query("days"));
        } catch (NumberFormatException e) {
            return call.badRequest("days must be a number");
        }
        if (days < 1 || days > 366) {
            return call.badRequest("days must be between 1 and 366");
        }
        UsageQuery query = new UsageQuery(call.now().truncatedTo(ChronoUnit.DAYS).minus(days - 1L, ChronoUnit.DAYS),
                call.now().plusSeconds(1), UsageQuery.Granularity.Day,
                EnumSet.of(UsageQuery.GroupBy.OAuthClientId, UsageQuery.GroupBy.TemplateUri));
        String id = submit(call, clientId, query, UsageQueryParser.METRICS, clientId);
        return accepted(id, ClientJson.CLIENTS_PATH + "/" + clientId + "/usage/query/results/" + id);
    }

    private ApiResponse submitForOrg(ApiCall call) throws IOException {
        UsageQueryParser.Parsed parsed = UsageQueryParser.parse(call.json());
        if (parsed.error() != null) {
            return call.badRequest(parsed.error());
        }
        String id = submit(call, null, parsed.query(), parsed.metrics(), call.org().id());
        return accepted(id, ORG_QUERY + "/" + id + "/results");
    }

    private String submit(ApiCall call, String onlyClient, UsageQuery query, Set<String> metrics, String owner) {
        String id = UUID.randomUUID().toString();
        List<UsageRow> rows = call.org().usage(query, onlyClient);
        queries.add(new AsyncQuery<>(id, call.org().id(), owner, call.now(), 1, stageDuration, 0,
                new Submitted(rows, metrics)));
        return id;
    }

    private ApiResponse clientResults(ApiCall call) {
        return results(call, call.path("clientId"));
    }

    private ApiResponse orgResults(ApiCall call) {
        return results(call, call.org().id());
    }

    private ApiResponse results(ApiCall call, String owner) {
        var query = queries.find(call.path("executionId"), call.org().id(), owner);
        if (query.isEmpty()) {
            return call.notFound("Usage query execution " + call.path("executionId"));
        }
        int stage = query.get().poll(call.now());
        ObjectNode body = Json.object();
        if (stage == 0 || faults.usageQueriesStayPending()) {
            body.put("queryStatus", "Running");
            return ApiResponse.ok(body);
        }
        body.put("queryStatus", "Complete");
        ArrayNode results = body.putArray("results");
        Submitted submitted = query.get().payload();
        submitted.rows().forEach(row -> results.add(render(row, submitted.metrics())));
        return ApiResponse.ok(body);
    }

    private static ObjectNode render(UsageRow row, Set<String> metrics) {
        ObjectNode node = Json.object();
        putIfPresent(node, "clientId", row.clientId());
        putIfPresent(node, "clientName", row.clientName());
        putIfPresent(node, "organizationId", row.organizationId());
        putIfPresent(node, "templateUri", row.templateUri());
        putIfPresent(node, "httpMethod", row.httpMethod());
        if (metrics.contains("Status200")) {
            node.put("status200", row.counts().status200());
        }
        if (metrics.contains("Status300")) {
            node.put("status300", row.counts().status300());
        }
        if (metrics.contains("Status400")) {
            node.put("status400", row.counts().status400());
        }
        if (metrics.contains("Status500")) {
            node.put("status500", row.counts().status500());
        }
        if (metrics.contains("Status429")) {
            node.put("status429", row.counts().status429());
        }
        if (metrics.contains("Requests")) {
            node.put("requests", row.counts().requests());
        }
        node.put("date", Json.instant(row.date()));
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static ApiResponse accepted(String executionId, String resultsUri) {
        ObjectNode body = Json.object();
        body.put("executionId", executionId);
        body.put("resultsUri", resultsUri);
        return ApiResponse.accepted(body);
    }
}
