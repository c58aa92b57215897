package io.oauthgov.schemas.topics;

/** Kafka's {@code cleanup.policy}: COMPACT keeps the latest record per key (current state), DELETE keeps history for a retention. */
public enum CleanupPolicy {
    COMPACT("compact"),
    DELETE("delete");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
