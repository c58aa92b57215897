package io.oauthgov.analyzer.evaluation;

import static io.oauthgov.analyzer.Fixtures.EMEA;
import static io.oauthgov.analyzer.Fixtures.HOME;
import static io.oauthgov.analyzer.Fixtures.authorization;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.endpointUsage;
import static io.oauthgov.analyzer.Fixtures.grants;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.role;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.analyzer.policy.RuleId;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each privilege rule of the shipped policy, pinned on hand-built roles and usage by endpoint. */
class PrivilegeRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final AuthorizationSnapshot ROLES = authorization(NOW,
            role("admin", "Master Admin", "*:*:*"),
            role("domain-admin", "Telephony Everything", "telephony:*:*"),
            role("prov", "User Provisioning", "directory:user:view,add,edit", "routing:queue:view"),
            role("reader", "Directory Reader", "directory:user:view", "routing:queue:view"),
            role("presence", "Presence Sync", "presence:userPresence:view,edit", "directory:user:view"));
    private final PolicyEvaluator evaluator = new PolicyEvaluator(PolicyLoader.loadDefault());

    private Verdict judge(ActivityAggregate activity, IntegrationRecord integration, String... grants) {
        OAuthClientSnapshot c = client("c", NOW).setRoleDivisions(grants(grants)).build();
        return evaluator.evaluate(c, activity, integration, null, EvidenceStatus.COMPLETE,
                EffectivePrivilege.of(c, ROLES), NOW);
    }

    private static ActivityAggregate calls(String... methodAndTemplate) {
        ActivityAggregate activity = ActivityAggregate.EMPTY;
        for (String call : methodAndTemplate) {
            String[] parts = call.split(" ");
            activity = activity.with(endpointUsage("c", NOW.minus(days(3)), parts[0], parts[1], 50));
        }
        return activity;
    }

    private static List<RuleId> rules(Verdict verdict) {
        return verdict.findings().stream().map(RuleFinding::rule).toList();
    }

    private static RuleFinding finding(Verdict verdict, RuleId rule) {
        return verdict.findings().stream().filter(f -> f.rule() == rule).findFirst().orElseThrow();
    }

    @Test
    void adminRoleHoldsForMasterAdminByNameAndForAnyRoleGrantingAWholeDomain() {
        Verdict master = judge(calls("GET api/v2/users"), integration("c", false, NOW), "admin@" + HOME);
        Verdict domain = judge(calls("GET api/v2/telephony/providers/edges"), integration("c", false, NOW), "domain-admin@" + EMEA);
        Verdict provisioning = judge(calls("POST api/v2/users", "GET api/v2/routing/queues"), integration("c", false, NOW),
                "prov@" + HOME);

        assertThat(finding(master, RuleId.ADMIN_ROLE).evidence()).containsEntry("adminRoles", "Master Admin")
                .containsEntry("roles", "Master Admin @ Home").containsEntry("permissions", "*:*:* @ all divisions (Master Admin)");
        assertThat(finding(domain, RuleId.ADMIN_ROLE).evidence()).containsEntry("adminRoles", "Telephony Everything");
        assertThat(rules(provisioning)).doesNotContain(RuleId.ADMIN_ROLE);
    }

    @Test
    void identityAdminHoldsForPermissionsThatCreateOrChangeUsersAndNotForReaders() {
        Verdict provisioning = judge(calls("POST api/v2/users", "GET api/v2/routing/queues"), integration("c", false, NOW),
                "prov@" + EMEA);
        Verdict reader = judge(calls("GET api/v2/users", "GET api/v2/routing/queues"), integration("c", false, NOW),
                "reader@*");

        assertThat(finding(provisioning, RuleId.IDENTITY_ADMIN).evidence().get("permissions"))
                .contains("directory:user:add @ EMEA (User Provisioning)").contains("directory:user:edit @ EMEA");
        assertThat(rules(reader)).doesNotContain(RuleId.IDENTITY_ADMIN, RuleId.ADMIN_ROLE, RuleId.ALL_DIVISIONS,
                RuleId.UNUSED_WRITE_PERMISSION);
    }

    @Test
    void allDivisionsHoldsForAWritePermissionOnEveryDivisionOnly() {
        Verdict everywhere = judge(calls("POST api/v2/users", "GET api/v2/routing/queues"), integration("c", false, NOW),
                "prov@*");
        Verdict oneDivision = judge(calls("POST api/v2/users", "GET api/v2/routing/queues"), integration("c", false, NOW),
                "prov@" + EMEA);

        assertThat(finding(everywhere, RuleId.ALL_DIVISIONS).evidence().get("permissions"))
                .contains("directory:user:add @ all divisions").doesNotContain("view");
        assertThat(rules(oneDivision)).doesNotContain(RuleId.ALL_DIVISIONS);
    }

    @Test
    void unusedWritePermissionHoldsWhenEveryCallOnlyReadAndQueryPostsCountAsReads() {
        Verdict readsOnly = judge(calls("GET api/v2/users", "GET api/v2/routing/queues", "POST api/v2/analytics/users/query"),
                integration("c", false, NOW), "prov@" + EMEA);
        Verdict writes = judge(calls("PATCH api/v2/users/{userId}", "GET api/v2/routing/queues"),
                integration("c", false, NOW), "prov@" + EMEA);
        Verdict unused = judge(ActivityAggregate.EMPTY, integration("c", false, NOW), "prov@" + EMEA);

        assertThat(finding(readsOnly, RuleId.UNUSED_WRITE_PERMISSION).evidence())
                .containsEntry("requestsByMethod", "GET=100, POST=50");
        assertThat(rules(writes)).doesNotContain(RuleId.UNUSED_WRITE_PERMISSION);
        assertThat(rules(unused)).as("a client without calls is the stale rules' case").doesNotContain(RuleId.UNUSED_WRITE_PERMISSION);
    }

    @Test
    void unusedDomainNamesTheDomainsNoCallBelongsToAndMapsPresencePathsUnderUsers() {
        Verdict partly = judge(calls("GET api/v2/users"), integration("c", false, NOW), "reader@" + HOME);
        Verdict presence = judge(calls("PATCH api/v2/users/{userId}/presences/purecloud", "GET api/v2/users/{userId}"),
                integration("c", false, NOW), "presence@" + HOME);
        Verdict admin = judge(calls("GET api/v2/analytics/reporting/exports"), integration("c", false, NOW), "admin@*");

        assertThat(finding(partly, RuleId.UNUSED_DOMAIN).evidence()).containsEntry("unusedDomains", "routing")
                .containsEntry("usedDomains", "directory");
        assertThat(rules(presence)).doesNotContain(RuleId.UNUSED_DOMAIN);
        assertThat(finding(admin, RuleId.UNUSED_DOMAIN).evidence()).containsEntry("unusedDomains", "every domain (*) but analytics");
        assertThat(admin.usedDomains()).as("the least-privilege suggestion").containsExactly("analytics");
    }

    @Test
    void aStaleClientHoldingMasterAdminIsCriticalAndRanksAboveEverythingElse() {
        OAuthClientSnapshot c = client("c", NOW).setDateCreated(NOW.minus(days(900))).setRoleDivisions(grants("admin@*")).build();

        Verdict verdict = evaluator.evaluate(c, ActivityAggregate.EMPTY, integration("c", false, NOW), null,
                EvidenceStatus.COMPLETE, EffectivePrivilege.of(c, ROLES), NOW);

        assertThat(rules(verdict)).contains(RuleId.NEVER_USED, RuleId.ADMIN_ROLE, RuleId.IDENTITY_ADMIN, RuleId.ALL_DIVISIONS);
        assertThat(verdict.candidate()).isTrue();
        assertThat(verdict.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(verdict.score()).isGreaterThanOrEqualTo(90);
        assertThat(verdict.signature()).endsWith("=>CRITICAL");
    }

    @Test
    void anUnownedReadOnlyClientIsInformational() {
        Verdict verdict = judge(calls("GET api/v2/users", "GET api/v2/routing/queues"), null, "reader@" + HOME);

        assertThat(rules(verdict)).containsExactly(RuleId.UNOWNED);
        assertThat(verdict.severity()).isEqualTo(Severity.INFORMATIONAL);
    }

    @Test
    void rolesNotYetReadRaiseNoPrivilegeFinding() {
        OAuthClientSnapshot c = client("c", NOW).setRoleDivisions(grants("admin@*")).build();

        Verdict verdict = evaluator.evaluate(c, calls("GET api/v2/users"), integration("c", false, NOW), null,
                EvidenceStatus.COMPLETE, EffectivePrivilege.of(c, null), NOW);

        assertThat(verdict.findings()).isEmpty();
    }
}
