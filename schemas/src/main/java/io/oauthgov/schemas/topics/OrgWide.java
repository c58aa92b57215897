package io.oauthgov.schemas.topics;

import io.oauthgov.avro.ClientKey;

/**
 * Org-wide records on per-client topics: evidence coverage on the activity topic and registry import markers on the
 * integrations topic use the client id {@value #CLIENT_ID} and are written once to every partition, so each
 * consumer task sees them in order with its own clients' records. No Genesys client id is "*" (ids are UUIDs).
 */
public final class OrgWide {
    public static final String CLIENT_ID = "*";
    /**
     * Candidate id of an org-wide approval (client id {@value #CLIENT_ID}) that confirms a surge the brake holds:
     * {@code surge:<collection id>} or {@code surge:*} for every held collection of the org. Signed and authorized
     * like any approval.
     */
    public static final String SURGE_CONFIRMATION_PREFIX = "surge:";
    /** The fingerprint a surge confirmation quotes (it confirms a collection, not a client state). */
    public static final String SURGE_CONFIRMATION_FINGERPRINT = "surge";

    private OrgWide() {}

    public static ClientKey key(String orgId) {
        return new ClientKey(orgId, CLIENT_ID);
    }

    public static boolean isOrgWide(ClientKey key) {
        return key != null && CLIENT_ID.equals(key.getClientId());
    }
}
