package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.ClientState;
import io.oauthgov.simulator.model.GrantType;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.SimulatedClient;
import io.oauthgov.simulator.model.Tenants;
import io.oauthgov.simulator.model.TokenGrant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /oauth/token} with {@code grant_type=client_credentials} and HTTP Basic credentials (or
 * {@code client_id}/{@code client_secret} form fields). Any active CLIENT-CREDENTIALS client of any org can log in;
 * only API identities get permissions. Every grant over HTTP leaves an AccessToken audit entry, as in Genesys (the
 * {@link #issue} back door for tests does not). Errors carry both the OAuth fields ({@code error},
 * {@code error_description}) and the Genesys error fields.
 */
public final class TokenEndpoint {
    public static final String PATH = "/oauth/token";

    private final Tenants tenants;
    private final TokenStore tokens;
    private final Duration lifetime;

    public TokenEndpoint(Tenants tenants, TokenStore tokens, Duration lifetime) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.lifetime = lifetime;
    }

    /** A token for a client without going through HTTP (tests and the demo). */
    public String issue(ApiIdentity identity, Instant now) {
        return tokens.issue(new Caller(identity.orgId(), identity.clientId(), identity.name(), identity.permissions(),
                now.plus(lifetime)));
    }

    public ApiResponse handle(String method, String authorization, byte[] body, Instant now, String contextId) {
        if (!"POST".equals(method)) {
            return oauthError(405, "invalid_request", "Use POST", contextId);
        }
        Map<String, String> form = FormBody.parse(new String(body, StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported",
                    contextId);
        }
        String[] credentials = credentials(authorization, form);
        if (credentials == null) {
            return oauthError(401, "invalid_client", "Client authentication is required", contextId);
        }
        var located = tenants.locate(credentials[0], now);
        if (located.isEmpty() || !secretMatches(located.get().client(), credentials[1])) {
            return oauthError(401, "invalid_client", "Bad client credentials", contextId);
        }
        SimulatedClient client = located.get().client();
        if (client.authorizedGrantType() != GrantType.CLIENT_CREDENTIALS) {
            return oauthError(400, "unauthorized_client", "The client is not authorized for this grant type",
                    contextId);
        }
        if (client.state() != ClientState.ACTIVE) {
            return oauthError(400, "invalid_client", "The client is " + client.state().wireName(), contextId);
        }
        Set<String> permissions = tenants.identity(client.id()).map(ApiIdentity::permissions).orElse(Set.of());
        String token = tokens.issue(new Caller(located.get().org().id(), client.id(), client.name(), permissions,
                now.plus(lifetime)));
        // Genesys audits every grant (PeoplePermissions / AccessToken, see TokenGrant); refused logins are not
        // audited, because Genesys was not seen to write its failure code for them.
        located.get().org().addAudit(TokenGrant.entry(UUID.randomUUID().toString(), now, client.id(),
                UUID.randomUUID().toString(), true, "127.0.0.1"));
        ObjectNode answer = Json.object();
        answer.put("access_token", token);
        answer.put("token_type", "bearer");
        answer.put("expires_in", lifetime.toSeconds());
        return ApiResponse.ok(answer);
    }

    private static boolean secretMatches(SimulatedClient client, String secret) {
        return client.secret() != null && MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] credentials(String authorization, Map<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (form.containsKey("client_id") && form.containsKey("client_secret")) {
            return new String[] {form.get("client_id"), form.get("client_secret")};
        }
        return null;
    }

    private static ApiResponse oauthError(int status, String error, String description, String contextId) {
        ApiResponse genesys = ErrorBodies.error(status, status == 401 ? "authentication.required" : "bad.request",
                description, contextId);
        ObjectNode body = (ObjectNode) genesys.body();
        body.put("error", error);
        body.put("error_description", description);
        body.put("description", description);
        return genesys;
    }
}
