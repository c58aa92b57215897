package io.oauthgov.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Client-credentials tokens for one identity: {@code POST /oauth/token} with HTTP Basic auth, cached and renewed
 * before expiry (at 90 % of the lifetime, at least a minute early), so long runs never use an expired token.
 */
public final class TokenProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoints endpoints;
    private final ClientCredentials credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private String token;
    private Instant renewAt = Instant.EPOCH;

    public TokenProvider(Endpoints endpoints, ClientCredentials credentials, HttpClient http, Clock clock, Duration timeout) {
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            login();
        }
        return token;
    }

    /** Forgets the token (after a 401) so the next call logs in again. */
    public synchronized void invalidate() {
        token = null;
    }

    private void login() {
        String basic = Base64.getEncoder().encodeToString(
                (credentials.clientId() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(endpoints.loginBase().resolve("/oauth/token"))
                .timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GenesysApiException("Login of " + credentials.clientId() + " at " + endpoints.loginBase() + " failed: "
                    + e.getClass().getSimpleName(), 0, null, null, null, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenesysApiException("Interrupted during login", 0, null, null, null, false, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new GenesysApiException("Login of client " + credentials.clientId() + " refused (HTTP " + response.statusCode() + " "
                    + body.path("code").asText(body.path("error").asText("")) + "): check the client id, secret and region",
                    response.statusCode(), body.path("code").asText(null), body.path("contextId").asText(null), null,
                    GenesysApiException.isRetriable(response.statusCode()), null);
        }
        token = body.get("access_token").asText();
        long lifetime = body.path("expires_in").asLong(3600);
        long early = Math.max(60, lifetime / 10);
        renewAt = clock.instant().plusSeconds(Math.max(1, lifetime - early));
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
