package io.oauthgov.analyzer.evaluation;

import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.RuleId;
import io.oauthgov.analyzer.policy.ScopePattern;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The policy as a pure function: one client's snapshot, its activity, its integration record and the time in,
 * a {@link Verdict} out. No Kafka, no clock, no I/O, so every rule is testable on its own and a replay with the
 * same inputs reaches the same verdict.
 *
 * <p>Staleness comes from evidence of use only: {@code lastUse = max(usage, audit)};
 * {@code staleSince = (lastUse ?? dateCreated) + staleWindow}. {@code dateModified} never counts as use (a client
 * edited years ago may be called every minute). A client is a deletion candidate when a candidate rule holds,
 * it is not protected, its grant type is not excluded, it is past {@code eligibleAt = staleSince + gracePeriod}
 * and it is not snoozed after a rejected approval.
 *
 * <p>Privilege comes from the roles a client holds in its divisions ({@link EffectivePrivilege}), judged by
 * {@link PrivilegeRules}; the verdict's severity is composite ({@link CompositeSeverity}) and it carries the
 * permission domains the client actually used, the least-privilege suggestion.
 */
public final class PolicyEvaluator {
    private static final Set<String> DISABLED_STATES = Set.of("disabled", "inactive");

    private final Policy policy;
    private final PrivilegeRules privilegeRules;

    public PolicyEvaluator(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.privilegeRules = new PrivilegeRules(policy.privilege());
    }

    public Policy policy() {
        return policy;
    }

    /**
     * @param activity the client's activity, {@link ActivityAggregate#EMPTY} when none was seen
     * @param integration the registry entry, null when the client has none (unowned, not protected)
     * @param snoozedUntil end of a snooze after a REJECT decision, null when not snoozed
     */
    public Verdict evaluate(OAuthClientSnapshot client, ActivityAggregate activity, IntegrationRecord integration,
                            Instant snoozedUntil, Instant now) {
        return evaluate(client, activity, integration, snoozedUntil, EvidenceStatus.COMPLETE, now);
    }

    /**
     * @param evidence whether the client's evidence covers what the policy needs: when it does not, the rules that
     *                 read absence of use as a fact (stale-unused, never-used, disabled-unused) are not evaluated and
     *                 nothing is proposed; when the org's registry was never imported, unowned is not raised either
     */
    public Verdict evaluate(OAuthClientSnapshot client, ActivityAggregate activity, IntegrationRecord integration,
                            Instant snoozedUntil, EvidenceStatus evidence, Instant now) {
        return evaluate(client, activity, integration, snoozedUntil, evidence, EffectivePrivilege.UNKNOWN, now);
    }

    /**
     * @param privilege what the client's roles let it do ({@link EffectivePrivilege#of}); {@link EffectivePrivilege#UNKNOWN}
     *                  while the org's roles have not been read, which raises no privilege finding
     */
    public Verdict evaluate(OAuthClientSnapshot client, ActivityAggregate activity, IntegrationRecord integration,
                            Instant snoozedUntil, EvidenceStatus evidence, EffectivePrivilege privilege, Instant now) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(now, "now");
        Duration window = policy.staleWindow();
        Instant lastUse = activity.lastUsedAt();
        Instant created = client.getDateCreated();
        Instant staleFrom = lastUse != null ? lastUse : created;
        Instant staleSince = staleFrom == null ? null : staleFrom.plus(window);
        Instant eligibleAt = staleSince == null ? null : staleSince.plus(policy.gracePeriod());
        boolean judged = evidence.sufficient();
        boolean stale = judged && staleSince != null && !now.isBefore(staleSince);
        boolean unusedInWindow = judged && (lastUse == null || !now.isBefore(lastUse.plus(window)));

        // Words and evidence are suppliers: built only for a verdict that is emitted (see Lazy).
        Lazy<Map<String, String>> useEvidence = Lazy.of(() -> useEvidence(client, activity, staleSince, now));
        List<RuleFinding> findings = new ArrayList<>();
        if (stale && lastUse != null) {
            add(findings, RuleId.STALE_UNUSED, () -> "No usage or audit evidence of use for " + days(window) + " days: last use "
                    + lastUse + ", stale since " + staleSince + " (dateModified is not use)", useEvidence);
        }
        if (stale && lastUse == null) {
            add(findings, RuleId.NEVER_USED, () -> "No evidence of use since creation at " + created + ", more than "
                    + days(window) + " days ago", useEvidence);
        }
        String state = Objects.toString(client.getState(), "").toLowerCase(Locale.ROOT);
        if (DISABLED_STATES.contains(state) && unusedInWindow) {
            add(findings, RuleId.DISABLED_UNUSED, () -> "Client is " + state + " and shows no use in the last " + days(window)
                    + " days", () -> {
                        Map<String, String> disabledEvidence = new LinkedHashMap<>(useEvidence.get());
                        disabledEvidence.put("state", state);
                        return disabledEvidence;
                    });
        }
        List<String> risky = highRiskScopes(client.getScope());
        if (!risky.isEmpty()) {
            add(findings, RuleId.HIGH_RISK_SCOPES, () -> "Granted high-risk scopes " + risky, () -> Map.of(
                    "scopes", String.join(",", risky),
                    "patterns", String.join(",", policy.highRiskScopePatterns().stream().map(ScopePattern::glob).toList())));
        }
        if (policy.isPublicGrantType(client.getAuthorizedGrantType())) {
            List<String> writeScopes = client.getScope().stream().filter(PolicyEvaluator::isWriteScope).sorted().toList();
            if (!writeScopes.isEmpty()) {
                add(findings, RuleId.PUBLIC_GRANT_WRITE_SCOPE, () -> "User-facing grant " + client.getAuthorizedGrantType()
                        + " holds write scopes " + writeScopes, () -> Map.of(
                        "grantType", client.getAuthorizedGrantType(), "scopes", String.join(",", writeScopes)));
            }
        }
        if (integration == null && evidence.registryKnown()) {
            add(findings, RuleId.UNOWNED, () -> "No integration registry entry names an owner for this client", Map::of);
        }
        Long validity = client.getAccessTokenValiditySeconds();
        if (validity != null && validity > policy.maxTokenValidityHours() * 3600) {
            add(findings, RuleId.LONG_TOKEN_VALIDITY, () -> "Access tokens are valid for " + validity + " s, more than the "
                    + policy.maxTokenValidityHours() + " h the policy allows", () -> Map.of(
                    "accessTokenValiditySeconds", validity.toString(),
                    "maxTokenValidityHours", Long.toString(policy.maxTokenValidityHours())));
        }

        PrivilegeRules.Assessment assessment = privilegeRules.assess(privilege, activity, now.minus(window));
        assessment.findings().forEach((rule, finding) -> {
            // the usage rules read the absence of writes or calls as a fact: only on evidence that covers the window
            boolean readsAbsence = rule == RuleId.UNUSED_WRITE_PERMISSION || rule == RuleId.UNUSED_DOMAIN;
            if (judged || !readsAbsence) {
                add(findings, rule, finding::reason, finding::evidence);
            }
        });

        Candidacy candidacy = judged
                ? candidacy(findings, client, integration, lastUse, staleSince, eligibleAt, snoozedUntil, now)
                : new Candidacy(false, () -> "insufficient evidence to judge use: " + String.join(" | ", evidence.missing()));
        return new Verdict(findings, lastUse, staleSince, eligibleAt, candidacy.candidate(), candidacy.note(),
                () -> ClientFingerprint.of(client, lastUse), CompositeSeverity.of(findings, assessment.readOnly()),
                List.copyOf(assessment.usedDomains()));
    }

    /** @param note why the client is or is not a candidate, built when the verdict is emitted */
    private record Candidacy(boolean candidate, Supplier<String> note) {}

    /** The client's scopes that a high-risk pattern matches, sorted; empty (no list built) when none does. */
    private List<String> highRiskScopes(List<String> scopes) {
        List<String> risky = null;
        for (String scope : scopes) {
            for (ScopePattern pattern : policy.highRiskScopePatterns()) {
                if (pattern.matches(scope)) {
                    if (risky == null) {
                        risky = new ArrayList<>();
                    }
                    risky.add(scope);
                    break;
                }
            }
        }
        if (risky == null) {
            return List.of();
        }
        risky.sort(null);
        return List.copyOf(risky);
    }

    private Candidacy candidacy(List<RuleFinding> findings, OAuthClientSnapshot client, IntegrationRecord integration,
                                Instant lastUse, Instant staleSince, Instant eligibleAt, Instant snoozedUntil, Instant now) {
        List<String> holding = findings.stream().filter(f -> f.rule().candidateRule()).map(f -> f.rule().id()).toList();
        if (holding.isEmpty()) {
            if (staleSince == null) {
                return new Candidacy(false, () -> "not stale: no evidence of use and no creation date to measure from");
            }
            return new Candidacy(false, () -> lastUse != null
                    ? "in use: last use " + lastUse + " is within the " + days(policy.staleWindow()) + "-day window"
                    : "not stale yet: created " + client.getDateCreated() + ", stale from " + staleSince);
        }
        if (integration != null && integration.getProtected$()) {
            return new Candidacy(false, () -> "protected by the integration registry (owner " + integration.getOwner()
                    + ", system " + integration.getSystem() + ")");
        }
        if (policy.excludesGrantType(client.getAuthorizedGrantType())) {
            return new Candidacy(false, () -> "grant type " + client.getAuthorizedGrantType() + " is excluded by the policy");
        }
        if (staleSince == null || now.isBefore(staleSince)) {
            // disabled-unused can hold before the client is stale (disabled, recently created): a risk, not a candidate.
            return new Candidacy(false, () -> staleSince == null ? "staleness cannot be measured (no creation date)"
                    : "not stale until " + staleSince);
        }
        if (now.isBefore(eligibleAt)) {
            return new Candidacy(false, () -> "in grace period until " + eligibleAt + " (stale since " + staleSince + ")");
        }
        if (snoozedUntil != null && now.isBefore(snoozedUntil)) {
            return new Candidacy(false, () -> "snoozed until " + snoozedUntil + " after an approver rejected the candidate");
        }
        return new Candidacy(true, () -> String.join(", ", holding) + ": stale since " + staleSince + ", eligible since "
                + eligibleAt + (lastUse == null ? ", never used" : ", last use " + lastUse));
    }

    private Map<String, String> useEvidence(OAuthClientSnapshot client, ActivityAggregate activity, Instant staleSince, Instant now) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("lastUsedAt", text(activity.lastUsedAt()));
        evidence.put("lastUsageAt", text(activity.lastUsageAt()));
        evidence.put("lastAuditUseAt", text(activity.lastAuditUseAt()));
        evidence.put("dateCreated", text(client.getDateCreated()));
        evidence.put("dateModified", text(client.getDateModified()));
        evidence.put("staleSince", text(staleSince));
        evidence.put("staleWindowDays", Long.toString(days(policy.staleWindow())));
        evidence.put("requestsInWindow", Long.toString(activity.requestsSince(now.minus(policy.staleWindow()))));
        if (activity.lastChangedAt() != null) {
            evidence.put("lastChangedAt", activity.lastChangedAt().toString());
            evidence.put("lastChangedBy", Objects.toString(activity.lastChangedBy(), ""));
        }
        return evidence;
    }

    private void add(List<RuleFinding> findings, RuleId rule, Supplier<String> reason,
                     Supplier<? extends Map<String, String>> evidence) {
        if (policy.enabled(rule)) {
            findings.add(new RuleFinding(rule, policy.rule(rule).severity(), reason, evidence));
        }
    }

    /** A scope that lets the client change data: {@code *}, {@code *:*}, {@code x:write} or {@code x:*}. */
    static boolean isWriteScope(String scope) {
        return scope.equals("*") || scope.endsWith(":write") || scope.endsWith(":*");
    }

    private static long days(Duration d) {
        return d.toDays();
    }

    private static String text(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
