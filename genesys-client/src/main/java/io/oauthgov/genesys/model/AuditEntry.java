package io.oauthgov.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One audit log entry. {@code client.id} is the OAuth client that made the change (evidence the client is used);
 * {@code entity} with {@code entityType} OAuthClient is a change made to a client.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEntry(
        String id,
        Ref user,
        Ref client,
        String serviceName,
        String level,
        Instant eventDate,
        String action,
        Ref entity,
        String entityType,
        String status,
        String application) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ref(String id, String name) {}

    public String clientId() {
        return client == null ? null : client.id();
    }
}
