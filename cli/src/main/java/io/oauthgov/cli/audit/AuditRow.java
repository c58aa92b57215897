package io.oauthgov.cli.audit;

import java.util.List;
import java.util.Objects;

/**
 * One OAuth client as the audit reports it: one row of report.csv and one entry of report.json's {@code clients},
 * which a later run's {@code --since-report} compares with.
 *
 * @param owner the integration registry's owner, "" when the registry names none
 * @param lastUsedAt the latest evidence of use (usage API or audit log), ISO-8601 UTC; null when none was found
 * @param severity the highest severity of the analyzer's findings (CRITICAL … INFORMATIONAL), {@link #NO_SEVERITY} when none
 * @param findings the rule ids that hold for the client, as the analyzer reported them to the SIEM
 * @param reason why the client is a deletion candidate (the rules and their evidence), or why it is not
 */
public record AuditRow(String orgId, String clientId, String clientName, String grantType, String state, String owner,
                       String lastUsedAt, String severity, List<String> findings, boolean candidate, String reason,
                       List<String> scopes) {
    public static final String NO_SEVERITY = "NONE";

    /** The CSV header, in the order of {@link #csvCells()}: snake_case, as pandas users name columns. */
    public static final List<String> CSV_HEADER = List.of("org_id", "client_id", "client_name", "grant_type", "state", "owner",
            "last_used_at", "severity", "findings", "candidate", "reason", "scopes");

    public AuditRow {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(clientId, "clientId");
        clientName = Objects.requireNonNullElse(clientName, "");
        grantType = Objects.requireNonNullElse(grantType, "");
        state = Objects.requireNonNullElse(state, "");
        owner = Objects.requireNonNullElse(owner, "");
        severity = Objects.requireNonNullElse(severity, NO_SEVERITY);
        findings = findings == null ? List.of() : List.copyOf(findings);
        reason = Objects.requireNonNullElse(reason, "");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** Identifies the client across runs: the same id in another org is another client. */
    public String key() {
        return orgId + "/" + clientId;
    }

    public List<String> csvCells() {
        return List.of(orgId, clientId, clientName, grantType, state, owner, lastUsedAt == null ? "" : lastUsedAt, severity,
                String.join(" ", findings), candidate ? "yes" : "no", reason, String.join(" ", scopes));
    }
}
