package io.oauthgov.executor.trust;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the executor needs to verify an approval itself: the HMAC key approvals are signed with and who may approve
 * for which organization. The same two settings the analyzer's gate uses, read from the same sources (the analyzer
 * properties {@code oauthgov.analyzer.approvers.<org|*>} and {@code oauthgov.analyzer.approval.hmac.key.file}, or the
 * environment variable {@code OAUTHGOV_APPROVAL_HMAC_KEY}); the CLI builds this from {@code AnalyzerSettings} so the
 * two stages can never apply different rules. Without a key nothing verifies, so nothing is changed.
 *
 * @param approversByOrg organization id, or {@value #ALL_ORGS}, to approver ids (compared case-insensitively)
 */
public record ApprovalTrust(Optional<byte[]> hmacKey, Map<String, Set<String>> approversByOrg) {
    public static final String ALL_ORGS = "*";

    public ApprovalTrust {
        hmacKey = hmacKey.map(byte[]::clone);
        approversByOrg = approversByOrg.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(ApprovalTrust::normalize).collect(Collectors.toUnmodifiableSet())));
    }

    /** No key and no approvers: every approval is refused. The default, so forgetting the configuration fails closed. */
    public static ApprovalTrust none() {
        return new ApprovalTrust(Optional.empty(), Map.of());
    }

    public static ApprovalTrust of(byte[] hmacKey, Map<String, Set<String>> approversByOrg) {
        return new ApprovalTrust(Optional.ofNullable(hmacKey), approversByOrg);
    }

    public boolean mayApprove(String orgId, String approver) {
        String who = normalize(approver);
        return approversByOrg.getOrDefault(orgId, Set.of()).contains(who) || approversByOrg.getOrDefault(ALL_ORGS, Set.of()).contains(who);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ApprovalTrust[hmacKey=" + (hmacKey.isPresent() ? "set" : "none") + ", approversByOrg=" + approversByOrg + "]";
    }

    private static String normalize(String approver) {
        return approver == null ? "" : approver.trim().toLowerCase(Locale.ROOT);
    }
}
