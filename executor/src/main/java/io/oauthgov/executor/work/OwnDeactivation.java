package io.oauthgov.executor.work;

import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.genesys.model.OAuthClient;
import java.util.List;
import java.util.Set;

/**
 * Recognises a deactivation this executor made but never recorded: it crashed after the PUT and before the
 * transaction with the DEACTIVATED outcome committed, so the approval comes back. The client then differs from the
 * approved one only in state (now inactive) and dateModified, and either this approval's DEACTIVATING intent is on
 * record or the platform names our identity as the last modifier. Anything else — another field, another modifier
 * without our intent — is a real change and ends in CONFLICT_SKIPPED.
 */
final class OwnDeactivation {
    private static final Set<String> FIELDS_OUR_PUT_CHANGES = Set.of("state", "dateModified");

    private OwnDeactivation() {}

    /** @param intent this approval's DEACTIVATING intent committed by an earlier run, or null */
    static boolean recognises(List<String> differingFields, OAuthClient live, String identityId, QuarantineEntry intent) {
        boolean byUs = intent != null || (live.modifiedBy() != null && identityId.equals(live.modifiedBy().id()));
        return FIELDS_OUR_PUT_CHANGES.containsAll(differingFields) && "inactive".equalsIgnoreCase(live.state()) && byUs;
    }
}
