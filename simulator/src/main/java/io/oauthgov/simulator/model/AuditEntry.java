package io.oauthgov.simulator.model;

import java.time.Instant;
import java.util.List;

/**
 * One audit log message. {@code clientId} is the OAuth client that made the change (evidence that the client
 * was used at {@code eventDate}); {@code entityId} is what was changed (an OAuth client entity records who
 * created, modified or deleted that client). {@code user} is null for changes made by client-credentials calls.
 */
public record AuditEntry(
        String id,
        Instant eventDate,
        EntityRef user,
        String clientId,
        String serviceName,
        String action,
        String entityType,
        EntityRef entity,
        String level,
        String status,
        String remoteIp,
        List<PropertyChange> propertyChanges) {

    public record PropertyChange(String property, List<String> oldValues, List<String> newValues) {
    }

    public AuditEntry {
        propertyChanges = List.copyOf(propertyChanges);
    }
}
