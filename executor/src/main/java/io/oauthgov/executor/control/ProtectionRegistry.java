package io.oauthgov.executor.control;

import io.oauthgov.avro.IntegrationRecord;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The current integration registry as the executor sees it: asked right before each change, not when approved. */
public final class ProtectionRegistry {
    private final Map<String, IntegrationRecord> records = new ConcurrentHashMap<>();

    public void put(String orgId, String clientId, IntegrationRecord record) {
        if (record == null) {
            records.remove(key(orgId, clientId));
        } else {
            records.put(key(orgId, clientId), record);
        }
    }

    /** The owning integration when the registry protects the client. */
    public Optional<IntegrationRecord> protection(String orgId, String clientId) {
        return Optional.ofNullable(records.get(key(orgId, clientId))).filter(IntegrationRecord::getProtected$);
    }

    private static String key(String orgId, String clientId) {
        return orgId + "/" + clientId;
    }
}
