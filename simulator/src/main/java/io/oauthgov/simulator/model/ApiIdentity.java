package io.oauthgov.simulator.model;

import java.util.Set;
import java.util.TreeSet;

/**
 * Credentials of a client-credentials OAuth client that the pipeline uses to call the API. It is also an
 * ordinary client of its organization (it shows up in the listing), as in a real org.
 *
 * @param region the AWS-style region name, e.g. {@code eu-west-1}
 * @param domain the Genesys domain of that region, e.g. {@code mypurecloud.ie}
 */
public record ApiIdentity(String orgId, String region, String domain, String clientId, String secret,
        String name, IdentityRole role, Set<String> permissions) {

    public ApiIdentity {
        permissions = Set.copyOf(new TreeSet<>(permissions));
    }

    public boolean may(String permission) {
        return permissions.contains(permission);
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "ApiIdentity[org=" + orgId + ", clientId=" + clientId + ", role=" + role + ", permissions="
                + new TreeSet<>(permissions) + "]";
    }
}
