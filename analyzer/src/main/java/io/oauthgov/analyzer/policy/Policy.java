package io.oauthgov.analyzer.policy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A reviewed governance policy: how long a client may go unused, how long it must stay stale before deletion may
 * be proposed, which grant types are never proposed, which scopes are high risk, and the rules with their
 * severities. Loaded and validated by {@link PolicyLoader}; immutable. Its {@link #id()} and {@link #version()}
 * travel on every risk event, candidate and approved deletion, so any decision can be traced to the policy text.
 *
 * @param quarantine how long the executor keeps a deactivated client before the irreversible DELETE, watching for
 *                   use, changes, protection or an operator's restore
 * @param excludedGrantTypes grant types (upper case) never proposed for deletion, e.g. user-facing CODE logins
 * @param publicGrantTypes grant types (upper case) that act for users; with a write scope they are a risk finding
 * @param evidence what evidence coverage a client needs before it may be judged unused
 * @param limits the blast-radius limits the gate and the executor enforce per organization
 * @param privilege what the privilege rules (admin-role, identity-admin, all-divisions) look for
 * @param notice how long before an approval the owner must have been told, and whom to tell for unowned clients
 */
public record Policy(
        String id,
        String version,
        Duration staleWindow,
        Duration gracePeriod,
        Duration snooze,
        Duration quarantine,
        Set<String> excludedGrantTypes,
        Set<String> publicGrantTypes,
        List<ScopePattern> highRiskScopePatterns,
        long maxTokenValidityHours,
        Map<RuleId, RuleSettings> rules,
        EvidenceRequirements evidence,
        BlastRadius limits,
        PrivilegeSettings privilege,
        NoticeSettings notice) {

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(staleWindow, "staleWindow");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        Objects.requireNonNull(snooze, "snooze");
        Objects.requireNonNull(quarantine, "quarantine");
        excludedGrantTypes = upper(excludedGrantTypes);
        publicGrantTypes = upper(publicGrantTypes);
        highRiskScopePatterns = List.copyOf(highRiskScopePatterns);
        EnumMap<RuleId, RuleSettings> complete = new EnumMap<>(RuleId.class);
        for (RuleId rule : RuleId.values()) {
            complete.put(rule, rules.getOrDefault(rule, new RuleSettings(true, rule.defaultSeverity())));
        }
        rules = Map.copyOf(complete);
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(notice, "notice");
    }

    /** This policy with other blast-radius limits (the demo raises them to process a whole simulated org). */
    public Policy withLimits(BlastRadius newLimits) {
        return new Policy(id, version, staleWindow, gracePeriod, snooze, quarantine, excludedGrantTypes, publicGrantTypes,
                highRiskScopePatterns, maxTokenValidityHours, rules, evidence, newLimits, privilege, notice);
    }

    /**
     * This policy with another notice period; zero lifts the notice requirement (the demo and the local dev stack run
     * the whole chain in minutes and say so in their output).
     */
    public Policy withNoticePeriod(Duration period) {
        return withNotice(notice.withPeriod(period));
    }

    /** This policy with other notice settings (the demo names a fallback contact for its unowned clients). */
    public Policy withNotice(NoticeSettings newNotice) {
        return new Policy(id, version, staleWindow, gracePeriod, snooze, quarantine, excludedGrantTypes, publicGrantTypes,
                highRiskScopePatterns, maxTokenValidityHours, rules, evidence, limits, privilege, newNotice);
    }

    public int maxDeletionsPerOrgPerDay() {
        return limits.maxDeletionsPerOrgPerDay();
    }

    public double maxFractionPerOrg() {
        return limits.maxFractionPerOrg();
    }

    public double surgeFraction() {
        return limits.surgeFraction();
    }

    public RuleSettings rule(RuleId rule) {
        return rules.get(rule);
    }

    public boolean enabled(RuleId rule) {
        return rules.get(rule).enabled();
    }

    public boolean excludesGrantType(String grantType) {
        return grantType != null && excludedGrantTypes.contains(grantType.toUpperCase(Locale.ROOT));
    }

    public boolean isPublicGrantType(String grantType) {
        return grantType != null && publicGrantTypes.contains(grantType.toUpperCase(Locale.ROOT));
    }

    private static Set<String> upper(Set<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
