package io.oauthgov.simulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues every client secret and access token the simulator hands out and remembers them, so a test can scan
 * Kafka topics, logs and files for a leaked value. Values come from {@link SecureRandom}, never from the
 * generator seed: a secret must not be derivable from public inputs, even in a simulator.
 */
public final class SecretLedger {
    private final SecureRandom random = new SecureRandom();
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    public String issueSecret() {
        String secret = randomValue(32);
        secrets.add(secret);
        return secret;
    }

    public String issueAccessToken() {
        String token = randomValue(48);
        tokens.add(token);
        return token;
    }

    public Set<String> issuedSecrets() {
        return Set.copyOf(secrets);
    }

    public Set<String> issuedAccessTokens() {
        return Set.copyOf(tokens);
    }

    /** True if the text contains any client secret or access token this simulator issued. */
    public boolean leaksAny(String text) {
        return secrets.stream().anyMatch(text::contains) || tokens.stream().anyMatch(text::contains);
    }

    private String randomValue(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
