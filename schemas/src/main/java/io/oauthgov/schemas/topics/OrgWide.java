package io.oauthgov.schemas.topics;

import io.oauthgov.avro.ClientKey;

/**
 * Org-wide records on per-client topics: evidence coverage on the activity topic and registry import markers on the
 * integrations topic use the client id {@value #CLIENT_ID} and are written once to every partition, so each
 * consumer task sees them in order with its own clients' records. No Genesys client id is "*" (ids are UUIDs).
 */
public final class OrgWide {
    public static final String CLIENT_ID = "*";

    private OrgWide() {}

    public static ClientKey key(String orgId) {
        return new ClientKey(orgId, CLIENT_ID);
    }

    public static boolean isOrgWide(ClientKey key) {
        return key != null && CLIENT_ID.equals(key.getClientId());
    }
}
