package io.oauthgov.simulator.generator;

import java.util.List;

/**
 * Ground truth for one client.
 *
 * @param flags extra facts that can co-occur with the category: {@code HIGH_RISK_SCOPES}, {@code ADMIN_ROLE}
 *     (holds Master Admin), {@code READ_ONLY_ROLES} (every role it holds only reads), {@code API_IDENTITY},
 *     {@code NEVER_USED}, {@code IN_REGISTRY}
 * @param lastUsed ISO-8601 UTC of the last day with use (usage rows, or token grants for TOKEN_ONLY_USE), or null
 *     when never used
 */
public record ClientTruth(String id, String name, Category category, List<String> flags, String grantType,
        String state, String dateCreated, String dateModified, String lastUsed, Expected expected) {

    /**
     * @param candidate a correct analyzer proposes deletion
     * @param risk a correct analyzer reports a risk (high-risk scopes, or an admin role)
     * @param outcome the executor outcome once approved, or null
     */
    public record Expected(boolean candidate, boolean risk, String outcome) {
    }

    public ClientTruth {
        flags = List.copyOf(flags);
    }
}
