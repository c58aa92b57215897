package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.model.Json;
import java.util.Map;

/**
 * Genesys-shaped error bodies: {@code {message, code, status, messageParams, contextId, details, errors}}.
 * {@code contextId} is the request's correlation id, as support asks for it.
 */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    public static ApiResponse error(int status, String code, String message, String contextId) {
        return error(status, code, message, contextId, Map.of());
    }

    public static ApiResponse error(int status, String code, String message, String contextId,
            Map<String, String> messageParams) {
        ObjectNode body = Json.object();
        body.put("message", message);
        body.put("code", code);
        body.put("status", status);
        ObjectNode params = body.putObject("messageParams");
        messageParams.forEach(params::put);
        body.put("contextId", contextId);
        body.putArray("details");
        body.putArray("errors");
        return new ApiResponse(status, body, Map.of());
    }

    public static ApiResponse notFound(String message, String contextId) {
        return error(404, "not.found", message, contextId);
    }

    public static ApiResponse badRequest(String message, String contextId) {
        return error(400, "bad.request", message, contextId);
    }

    public static ApiResponse unauthenticated(String contextId) {
        return error(401, "authentication.required", "No authentication bearer token specified in authorization "
                + "header, or the token is invalid or expired.", contextId);
    }

    public static ApiResponse missingPermission(String permission, String contextId) {
        return error(403, "missing.any.permissions", "Unable to perform the requested action. You are missing the "
                + "following permission(s): [" + permission + "]", contextId, Map.of("permissions", permission));
    }

    public static ApiResponse tooManyRequests(long retryAfterSeconds, String contextId) {
        return error(429, "too.many.requests.retry.after", "Rate limit exceeded the maximum. Retry the request in ["
                + retryAfterSeconds + "] seconds", contextId, Map.of("retryAfter", Long.toString(retryAfterSeconds)))
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    public static ApiResponse serverError(int status, String contextId) {
        String code = status == 503 ? "service.unavailable" : status == 504 ? "gateway.timeout"
                : "internal.server.error";
        return error(status, code, "The service is currently unavailable (simulated fault)", contextId);
    }
}
