package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.model.AuditEntry;
import io.oauthgov.simulator.model.AuditFilter;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.Permissions;
import io.oauthgov.simulator.model.ServiceMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Audit queries. The asynchronous query goes {@code Queued} → {@code Running} → {@code Succeeded} (one stage
 * per status poll, or per stage duration of simulator time); its results are cursor-paged, 25 by default and
 * 500 at most. The realtime variant answers at once, page-numbered, over the last 14 days only.
 */
public final class AuditResource {
    private static final String QUERY = "/api/v2/audits/query";
    private static final String[] STATES = {"Queued", "Running", "Succeeded"};
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 500;
    private static final Duration REALTIME_HISTORY = Duration.ofDays(14);

    private record Submitted(ObjectNode request, List<AuditEntry> entries) {
    }

    private record Criteria(Instant from, Instant to, String serviceName, List<AuditFilter> filters,
            boolean descending, String error) {
    }

    private final QueryBook<Submitted> queries = new QueryBook<>();
    private final Duration stageDuration;

    public AuditResource(Duration stageDuration) {
        this.stageDuration = stageDuration;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", QUERY + "/servicemapping", Permissions.AUDIT_VIEW, this::serviceMapping),
                Route.of("POST", QUERY + "/realtime", Permissions.AUDIT_VIEW, this::realtime),
                Route.of("POST", QUERY, Permissions.AUDIT_VIEW, this::submit),
                Route.of("GET", QUERY + "/{transactionId}/results", Permissions.AUDIT_VIEW, this::results),
                Route.of("GET", QUERY + "/{transactionId}", Permissions.AUDIT_VIEW, this::status));
    }

    private ApiResponse serviceMapping(ApiCall call) {
        ObjectNode body = Json.object();
        ArrayNode services = body.putArray("services");
        for (ServiceMapping.Service service : ServiceMapping.SERVICES) {
            ObjectNode s = services.addObject().put("name", service.name());
            ArrayNode entities = s.putArray("entities");
            service.entities().forEach(e -> {
                ObjectNode entity = entities.addObject().put("name", e.name());
                e.actions().forEach(entity.putArray("actions")::add);
            });
        }
        return ApiResponse.ok(body);
    }

    private ApiResponse submit(ApiCall call) throws IOException {
        JsonNode body = call.json();
        Criteria criteria = criteria(body);
        if (criteria.error() != null) {
            return call.badRequest(criteria.error());
        }
        List<AuditEntry> entries = call.org().audits(criteria.from(), criteria.to(), criteria.serviceName(),
                criteria.filters(), criteria.descending());
        String id = UUID.randomUUID().toString();
        // submission itself counts as the first stage, so a status poll sees Running, the next Succeeded
        AsyncQuery<Submitted> query = queries.add(new AsyncQuery<>(id, call.org().id(), call.org().id(), call.now(),
                STATES.length - 1, stageDuration, 1, new Submitted((ObjectNode) body, entries)));
        return ApiResponse.accepted(statusBody(query, STATES[0], call.now()));
    }

    private ApiResponse status(ApiCall call) {
        var query = queries.find(call.path("transactionId"), call.org().id(), call.org().id());
        if (query.isEmpty()) {
            return call.notFound("Audit query " + call.path("transactionId"));
        }
        return ApiResponse.ok(statusBody(query.get(), STATES[query.get().poll(call.now())], call.now()));
    }

    private ObjectNode statusBody(AsyncQuery<Submitted> query, String state, Instant now) {
        ObjectNode request = query.payload().request();
        ObjectNode body = Json.object();
        body.put("id", query.id());
        body.put("state", state);
        body.put("startDate", Json.instant(now));
        body.set("interval", request.get("interval"));
        body.set("serviceName", request.get("serviceName"));
        body.set("filters", request.has("filters") ? request.get("filters") : Json.mapper().createArrayNode());
        body.set("sort", request.has("sort") ? request.get("sort") : Json.mapper().createArrayNode());
        return body;
    }

    private ApiResponse results(ApiCall call) {
        var query = queries.find(call.path("transactionId"), call.org().id(), call.org().id());
        if (query.isEmpty()) {
            return call.notFound("Audit query " + call.path("transactionId"));
        }
        if (query.get().stage(call.now()) < STATES.length - 1) {
            return call.badRequest("Audit query " + query.get().id() + " has not succeeded yet");
        }
        Integer pageSize = pageSize(call.query("pageSize"));
        if (pageSize == null) {
            return call.badRequest("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        Integer offset = decodeCursor(call.query("cursor"));
        if (offset == null) {
            return call.badRequest("Invalid cursor");
        }
        List<AuditEntry> all = query.get().payload().entries();
        int end = Math.min(all.size(), offset + pageSize);
        ObjectNode body = Json.object();
        body.put("id", query.get().id());
        body.put("pageSize", pageSize);
        if (end < all.size()) {
            body.put("cursor", encodeCursor(end));
        }
        ArrayNode entities = body.putArray("entities");
        all.subList(Math.min(offset, all.size()), end).forEach(e -> entities.add(AuditJson.render(e, call.org().id())));
        return ApiResponse.ok(body);
    }

    private ApiResponse realtime(ApiCall call) throws IOException {
        JsonNode body = call.json();
        Criteria criteria = criteria(body);
        if (criteria.error() != null) {
            return call.badRequest(criteria.error());
        }
        int pageNumber = Math.max(1, body.path("pageNumber").asInt(1));
        int pageSize = body.path("pageSize").asInt(DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return call.badRequest("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        Instant oldest = call.now().minus(REALTIME_HISTORY);
        Instant from = criteria.from().isBefore(oldest) ? oldest : criteria.from();
        List<AuditEntry> all = from.isBefore(criteria.to()) ? call.org().audits(from, criteria.to(),
                criteria.serviceName(), criteria.filters(), criteria.descending()) : List.of();
        int start = Math.min(all.size(), (pageNumber - 1) * pageSize);
        ObjectNode result = Json.object();
        ArrayNode entities = result.putArray("entities");
        all.subList(start, Math.min(all.size(), start + pageSize))
                .forEach(e -> entities.add(AuditJson.render(e, call.org().id())));
        result.put("pageSize", pageSize);
        result.put("pageNumber", pageNumber);
        result.put("total", all.size());
        result.put("pageCount", (all.size() + pageSize - 1) / pageSize);
        return ApiResponse.ok(result);
    }

    private static Criteria criteria(JsonNode body) {
        if (body == null || !body.hasNonNull("interval")) {
            return invalid("interval is required");
        }
        Instant[] interval = UsageQueryParser.Intervals.parse(body.get("interval").asText());
        if (interval == null) {
            return invalid("interval must be ISO-8601 start/end");
        }
        String serviceName = body.path("serviceName").asText(null);
        if (serviceName == null) {
            return invalid("serviceName is required");
        }
        if (!ServiceMapping.knows(serviceName)) {
            return invalid("Unknown serviceName " + serviceName + "; see /api/v2/audits/query/servicemapping");
        }
        List<AuditFilter> filters = new ArrayList<>();
        for (JsonNode f : body.path("filters")) {
            String property = f.path("property").asText();
            if (!AuditFilter.knownProperty(property)) {
                return invalid("Unknown filter property " + property);
            }
            filters.add(new AuditFilter(property, f.path("value").asText()));
        }
        boolean descending = false;
        for (JsonNode s : body.path("sort")) {
            descending = "descending".equalsIgnoreCase(s.path("sortOrder").asText());
        }
        return new Criteria(interval[0], interval[1], serviceName, filters, descending, null);
    }

    private static Criteria invalid(String message) {
        return new Criteria(null, null, null, null, false, message);
    }

    private static Integer pageSize(String value) {
        try {
            int size = value == null || value.isEmpty() ? DEFAULT_PAGE_SIZE : Integer.parseInt(value);
            return size < 1 || size > MAX_PAGE_SIZE ? null : size;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Cursors are opaque to clients; here they encode the next offset. */
    private static String encodeCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static Integer decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return decoded.startsWith("offset:") ? Integer.valueOf(decoded.substring(7)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
