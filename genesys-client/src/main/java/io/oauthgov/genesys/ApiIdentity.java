package io.oauthgov.genesys;

/** The OAuth client oauthgov calls the API as, in one organization: the key of all rate-governance state. */
public record ApiIdentity(String orgId, String clientId) {
    @Override
    public String toString() {
        return orgId + "/" + clientId;
    }
}
