package io.oauthgov.executor.control;

import io.oauthgov.avro.IntegrationRecord;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current integration registry as the executor sees it: asked right before each change, not when approved. Only
 * the registry's own records change it: an ENTRY sets a client's entry, an explicit REMOVAL (written by
 * {@code oauthgov registry import}, kept as history) lifts it. A bare tombstone never reaches this class (the tail
 * refuses it), and an org's IMPORT_MARKER is not a client.
 */
public final class ProtectionRegistry {
    private final Map<String, IntegrationRecord> records = new ConcurrentHashMap<>();

    public void apply(IntegrationRecord record) {
        switch (record.getRecordType()) {
            case ENTRY -> records.put(key(record.getOrgId(), record.getClientId()), record);
            case REMOVAL -> records.remove(key(record.getOrgId(), record.getClientId()));
            case IMPORT_MARKER -> { }
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
