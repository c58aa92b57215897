package io.oauthgov.analyzer.policy;

import io.oauthgov.avro.Severity;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every rule the analyzer knows. Candidate rules can make a client a deletion candidate (they are about evidence
 * of use); risk-only rules are reported to the SIEM but never, on their own, propose a deletion. The privilege rules
 * (admin-role .. unused-domain) judge what the client's roles let it do, see {@code PrivilegeRules}.
 */
public enum RuleId {
    STALE_UNUSED("stale-unused", "Unused for the whole stale window", true, Severity.MEDIUM),
    NEVER_USED("never-used", "Never used since creation", true, Severity.MEDIUM),
    DISABLED_UNUSED("disabled-unused", "Disabled or inactive and unused", true, Severity.LOW),
    HIGH_RISK_SCOPES("high-risk-scopes", "High-risk scopes granted", false, Severity.HIGH),
    PUBLIC_GRANT_WRITE_SCOPE("public-grant-write-scope", "User-facing grant with a write scope", false, Severity.HIGH),
    UNOWNED("unowned", "No owner in the integration registry", false, Severity.LOW),
    LONG_TOKEN_VALIDITY("long-token-validity", "Access tokens valid for too long", false, Severity.MEDIUM),
    ADMIN_ROLE("admin-role", "Holds an admin role", false, Severity.HIGH),
    IDENTITY_ADMIN("identity-admin", "Can manage OAuth clients, roles, users or SSO/SCIM", false, Severity.HIGH),
    ALL_DIVISIONS("all-divisions", "Sensitive permission granted on all divisions", false, Severity.MEDIUM),
    UNUSED_WRITE_PERMISSION("unused-write-permission", "Holds write permissions but only reads", false, Severity.MEDIUM),
    UNUSED_DOMAIN("unused-domain", "Holds permissions in domains it never calls", false, Severity.LOW);

    private final String id;
    private final String title;
    private final boolean candidateRule;
    private final Severity defaultSeverity;

    RuleId(String id, String title, boolean candidateRule, Severity defaultSeverity) {
        this.id = id;
        this.title = title;
        this.candidateRule = candidateRule;
        this.defaultSeverity = defaultSeverity;
    }

    /** The id written in policy files and on every finding, e.g. {@code stale-unused}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** True when this rule, holding on evidence of use, can make a client a deletion candidate. */
    public boolean candidateRule() {
        return candidateRule;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public static Optional<RuleId> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
