package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.simulator.model.EntityRef;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.Organization;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** One authenticated, admitted API call as a handler sees it. */
public record ApiCall(Caller caller, Organization org, String method, Map<String, String> pathParams,
        Map<String, String> query, byte[] body, Instant now, String correlationId) {

    public String path(String name) {
        return pathParams.get(name);
    }

    public String query(String name) {
        return query.get(name);
    }

    /** The body as JSON, or null when it is empty. */
    public JsonNode json() throws IOException {
        return body.length == 0 ? null : Json.mapper().readTree(body);
    }

    /** The caller as audit entries and {@code modifiedBy} name it. */
    public EntityRef callerRef() {
        return new EntityRef(caller.clientId(), caller.clientName());
    }

    public ApiResponse notFound(String what) {
        return ErrorBodies.notFound(what + " not found", correlationId);
    }

    public ApiResponse badRequest(String message) {
        return ErrorBodies.badRequest(message, correlationId);
    }
}
