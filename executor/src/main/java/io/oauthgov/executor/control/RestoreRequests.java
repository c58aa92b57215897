package io.oauthgov.executor.control;

import io.oauthgov.avro.ControlCommand;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operators' {@code oauthgov restore} requests, by client. A request only counts for a quarantine that began before
 * it was issued: replaying the control topic after a restart must not restore a client quarantined again later.
 */
public final class RestoreRequests {
    private final Map<String, ControlCommand> latest = new ConcurrentHashMap<>();

    public void add(ControlCommand command) {
        latest.merge(key(command.getOrgId(), command.getClientId()), command,
                (a, b) -> b.getIssuedAt().isAfter(a.getIssuedAt()) ? b : a);
    }

    /** The request that applies to a quarantine begun at {@code deactivatedAt}, if any. */
    public Optional<ControlCommand> forQuarantine(String orgId, String clientId, Instant deactivatedAt) {
        return Optional.ofNullable(latest.get(key(orgId, clientId))).filter(c -> !c.getIssuedAt().isBefore(deactivatedAt));
    }

    private static String key(String orgId, String clientId) {
        return orgId + "/" + clientId;
    }
}
