package io.oauthgov.executor.trust;

/**
 * What an approval's {@code expiresAt} means once its quarantine is under way. A deactivation always needs an
 * approval valid at the moment the PUT leaves; the rule decides the final DELETE, which comes a quarantine (7 days
 * by policy) after an approval that is often valid for about as long.
 */
public enum ExpiryRule {
    /** The default: the delete needs the quarantine to have begun while the approval was valid. */
    QUARANTINE_BEGUN_WHILE_VALID,
    /** Strict: the approval must still be valid when the DELETE leaves; an expired one restores the client. */
    VALID_AT_DELETE
}
