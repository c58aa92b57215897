package io.oauthgov.executor.work;

import io.oauthgov.genesys.model.OAuthClient;
import java.util.List;
import java.util.Set;

/**
 * Recognises a deactivation this executor made but never recorded: it crashed after the PUT and before the
 * transaction with the DEACTIVATED outcome committed, so the approval comes back. The client then differs from the
 * approved one only in state (now inactive) and dateModified, and the platform names our identity as the last
 * modifier. Anything else — another field, another modifier — is a real change and ends in CONFLICT_SKIPPED.
 */
final class OwnDeactivation {
    private static final Set<String> FIELDS_OUR_PUT_CHANGES = Set.of("state", "dateModified");

    private OwnDeactivation() {}

    static boolean recognises(List<String> differingFields, OAuthClient live, String identityId) {
        return FIELDS_OUR_PUT_CHANGES.containsAll(differingFields)
                && "inactive".equalsIgnoreCase(live.state())
                && live.modifiedBy() != null
                && identityId.equals(live.modifiedBy().id());
    }
}
