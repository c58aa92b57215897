package io.oauthgov.analyzer.evaluation;

/**
 * The org-wide findings on {@code governance.risk} (client id {@code *}), as the org governor writes them and the
 * approval command and reports read them: their rule ids and the evidence keys that carry their details.
 */
public final class OrgFindings {
    /** The org's evidence does not cover what the policy needs; {@link #MISSING} lists what, one line each. */
    public static final String INSUFFICIENT_EVIDENCE = "insufficient-evidence";
    /** A collection proposed more new candidates than the surge brake allows; {@link #HELD_COLLECTIONS} names them. */
    public static final String SURGE_HELD = "surge-held";
    /** Evidence key: the missing-evidence lines, separated by newlines. */
    public static final String MISSING = "missing";
    /** Evidence key: the held collection ids, separated by commas. */
    public static final String HELD_COLLECTIONS = "heldCollections";

    private OrgFindings() {}
}
