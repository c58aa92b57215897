package io.oauthgov.genesys;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful (2xx) or expected (404 on a read) answer, parsed. */
public record ApiResponse(int status, JsonNode body, String correlationId) {}
