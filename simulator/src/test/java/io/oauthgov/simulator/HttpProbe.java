package io.oauthgov.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain java.net.http client for tests: login, then JSON calls with a bearer token. */
final class HttpProbe {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    HttpProbe(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply login(String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    String token(ApiIdentity identity) throws IOException, InterruptedException {
        Reply reply = login(identity.clientId(), identity.secret());
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply.status() + " " + reply.json());
        }
        return reply.json().get("access_token").asText();
    }

    Reply get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    Reply delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE());
    }

    Reply post(String path, String token, Object body) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.compact(body))));
    }

    Reply put(String path, String token, Object body) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.compact(body))));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : Json.mapper().readTree(response.body());
        return new Reply(response.statusCode(), json, response);
    }
}
