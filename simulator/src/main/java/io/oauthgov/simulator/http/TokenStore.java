package io.oauthgov.simulator.http;

import io.oauthgov.simulator.SecretLedger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens issued by {@code /oauth/token}; a token past its expiry resolves to nothing (401). */
public final class TokenStore {
    private final SecretLedger ledger;
    private final Map<String, Caller> tokens = new ConcurrentHashMap<>();

    public TokenStore(SecretLedger ledger) {
        this.ledger = ledger;
    }

    public String issue(Caller caller) {
        String token = ledger.issueAccessToken();
        tokens.put(token, caller);
        return token;
    }

    public Optional<Caller> resolve(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        Caller caller = tokens.get(token);
        if (caller == null) {
            return Optional.empty();
        }
        if (!now.isBefore(caller.expiresAt())) {
            tokens.remove(token);
            return Optional.empty();
        }
        return Optional.of(caller);
    }

    /** Revokes every token of a client, e.g. when a test wants to force re-authentication. */
    public void revokeAll(String clientId) {
        tokens.values().removeIf(c -> c.clientId().equals(clientId));
    }
}
