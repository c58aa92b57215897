package io.oauthgov.executor.reconcile;

import io.oauthgov.avro.OutcomeKind;

/** Where one approved deletion stands, as the outcome topic says. */
public enum ReconcileStatus {
    DELETED, ALREADY_ABSENT, CONFLICT_SKIPPED, BLOCKED_PROTECTED, FAILED, RESTORED, DRY_RUN,
    /** Not deactivated: the client was used after it was judged. */
    IN_USE,
    /** Deactivated, its quarantine not yet over. */
    IN_QUARANTINE,
    /** The executor refused the approval (it did not verify, a limit, missing evidence): see governance.rejected. */
    REFUSED,
    /** Approved, no outcome yet. */
    PENDING;

    static ReconcileStatus of(OutcomeKind kind) {
        return switch (kind) {
            case DEACTIVATED -> IN_QUARANTINE;
            case DELETED -> DELETED;
            case RESTORED -> RESTORED;
            case ALREADY_ABSENT -> ALREADY_ABSENT;
            case CONFLICT_SKIPPED -> CONFLICT_SKIPPED;
            case DRY_RUN -> DRY_RUN;
            case FAILED -> FAILED;
            case BLOCKED_PROTECTED -> BLOCKED_PROTECTED;
            case IN_USE -> IN_USE;
        };
    }
}
