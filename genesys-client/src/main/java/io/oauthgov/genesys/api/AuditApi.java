package io.oauthgov.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.model.AuditEntry;
import io.oauthgov.genesys.model.AuditPage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log, asynchronous: submit a query for one service, poll until Succeeded, then read the results a page
 * at a time by cursor — one page per call, so a caller can checkpoint the cursor between pages.
 */
public final class AuditApi {
    private static final String QUERY = "/api/v2/audits/query";
    public static final int MAX_PAGE_SIZE = 500;

    private final GovernedCaller caller;
    private final AsyncPoller poller;

    /** Queries are polled with a growing pause and abandoned after {@code maxWait}. */
    public AuditApi(GovernedCaller caller, java.time.Clock clock, io.oauthgov.genesys.governance.Sleeper sleeper, java.time.Duration maxWait) {
        this.caller = caller;
        this.poller = new AsyncPoller(clock, sleeper, maxWait);
    }

    /** Service names the audit log knows ({@code serviceName} is required by every query). */
    public List<String> serviceNames() {
        JsonNode mapping = caller.call("GET", QUERY + "/servicemapping", null, false).orElseThrow().body();
        List<String> names = new ArrayList<>();
        mapping.path("services").forEach(s -> names.add(s.path("name").asText()));
        return names;
    }

    /** Submits a query over [from, to) for one service and waits until it succeeded; returns its transaction id. */
    public String query(String serviceName, Instant from, Instant to) {
        return submit(serviceName, from, to).await();
    }

    /** Submits {@link #query}'s query now; awaiting it polls until it succeeded and returns its transaction id. */
    public PendingQuery<String> submit(String serviceName, Instant from, Instant to) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("interval", from + "/" + to);
        body.put("serviceName", serviceName);
        body.putArray("sort").addObject().put("name", "Timestamp").put("sortOrder", "ascending");
        JsonNode submitted = caller.call("POST", QUERY, body, false).orElseThrow().body();
        String id = submitted.path("id").asText(null);
        if (id == null) {
            throw new GenesysApiException("Audit query answer has no id", 200, "malformed.response", null, null, false, null);
        }
        return () -> {
            poller.await("audit query " + id, () -> {
                String state = caller.call("GET", QUERY + "/" + id, null, false).orElseThrow().body().path("state").asText("");
                if (state.equalsIgnoreCase("Failed") || state.equalsIgnoreCase("Cancelled")) {
                    throw new GenesysApiException("Audit query " + id + " ended " + state, 200, "query.failed", null, null, true, null);
                }
                return state.equalsIgnoreCase("Succeeded") ? state : null;
            });
            return id;
        };
    }

    /** A results page as it arrives, read straight from the bytes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record AuditResults(List<AuditEntry> entities, String cursor) {}

    /** One page of results; pass the previous page's cursor (null for the first). */
    public AuditPage page(String transactionId, String cursor, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("audit page size must be 1.." + MAX_PAGE_SIZE);
        }
        String path = QUERY + "/" + transactionId + "/results?pageSize=" + pageSize
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        AuditResults body = Json.read(caller.call("GET", path, null, false).orElseThrow(), AuditResults.class, "audit results");
        String next = body.cursor();
        return new AuditPage(Json.elements(body.entities(), "Audit results of " + transactionId),
                next == null || next.isBlank() ? null : next);
    }
}
