package io.oauthgov.genesys;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Client-credentials login of one identity. Comes from the environment or a file, never from code; the secret
 * never appears in {@link #toString()}, logs or exception messages.
 */
public final class ClientCredentials {
    public static final String ENV_CLIENT_ID = "GENESYSCLOUD_OAUTHCLIENT_ID";
    public static final String ENV_CLIENT_SECRET = "GENESYSCLOUD_OAUTHCLIENT_SECRET";

    private final String clientId;
    private final String secret;

    public ClientCredentials(String clientId, String secret) {
        this.clientId = require(clientId, "client id");
        this.secret = require(secret, "client secret");
    }

    /** From {@code GENESYSCLOUD_OAUTHCLIENT_ID} / {@code GENESYSCLOUD_OAUTHCLIENT_SECRET}. */
    public static ClientCredentials fromEnvironment(Map<String, String> env) {
        String id = env.get(ENV_CLIENT_ID);
        String secret = env.get(ENV_CLIENT_SECRET);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Missing environment variable " + ENV_CLIENT_ID);
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("Missing environment variable " + ENV_CLIENT_SECRET);
        }
        return new ClientCredentials(id, secret);
    }

    /** From a properties file with {@code clientId} and {@code clientSecret}, readable and writable by its owner only. */
    public static ClientCredentials fromFile(Path file) {
        return fromFile(file, false);
    }

    /**
     * From a properties file with {@code clientId} and {@code clientSecret}. A missing file, one without both keys, and
     * one its group or others may read or write (unless {@code allowInsecure}, see {@link SecretFiles}) are refused
     * with a {@link SecretFiles.SecretFileException}.
     */
    public static ClientCredentials fromFile(Path file, boolean allowInsecure) {
        SecretFiles.requireOwnerOnly(file, "credentials file", allowInsecure);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new SecretFiles.SecretFileException("cannot read credentials file " + file + ": " + e.getClass().getSimpleName(),
                    "it must be a properties file with clientId=... and clientSecret=...");
        }
        String id = properties.getProperty("clientId");
        String secret = properties.getProperty("clientSecret");
        if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
            throw new SecretFiles.SecretFileException("credentials file " + file + " needs clientId and clientSecret",
                    "write clientId=... and clientSecret=... into it, one per line");
        }
        return new ClientCredentials(id.trim(), secret.trim());
    }

    public String clientId() {
        return clientId;
    }

    /** Only the token provider reads this. */
    String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", secret=***]";
    }

    private static String require(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
