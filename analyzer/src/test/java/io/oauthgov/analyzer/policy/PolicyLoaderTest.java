package io.oauthgov.analyzer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.avro.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    @Test
    void defaultPolicyLoadsWithTheDocumentedValues() {
        Policy policy = PolicyLoader.loadDefault();

        assertThat(policy.id()).isEqualTo("default");
        assertThat(policy.version()).isEqualTo("1");
        assertThat(policy.staleWindow()).isEqualTo(Duration.ofDays(180));
        assertThat(policy.gracePeriod()).isEqualTo(Duration.ofDays(14));
        assertThat(policy.snooze()).isEqualTo(Duration.ofDays(30));
        assertThat(policy.excludedGrantTypes()).containsExactlyInAnyOrder("CODE", "TOKEN", "SAML2-BEARER");
        assertThat(policy.maxTokenValidityHours()).isEqualTo(24);
        assertThat(policy.rules()).hasSize(RuleId.values().length);
        assertThat(policy.rule(RuleId.HIGH_RISK_SCOPES).severity()).isEqualTo(Severity.HIGH);
        assertThat(policy.highRiskScopePatterns()).extracting(ScopePattern::glob).contains("admin", "\\*", "*:write");
    }

    @Test
    void overrideFileIsLoadedFromAPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, """
                id: strict
                version: 2
                staleWindowDays: 90
                rules:
                  unowned: {enabled: false}
                """);

        Policy policy = PolicyLoader.load(file);

        assertThat(policy.version()).isEqualTo("2");
        assertThat(policy.staleWindow()).isEqualTo(Duration.ofDays(90));
        assertThat(policy.gracePeriod()).as("absent keys take the shipped defaults").isEqualTo(Duration.ofDays(14));
        assertThat(policy.enabled(RuleId.UNOWNED)).isFalse();
        assertThat(policy.enabled(RuleId.STALE_UNUSED)).isTrue();
    }

    @Test
    void unknownKeyIsRefusedNamingTheKeyAndItsLine() {
        String yaml = """
                id: p
                version: "1"
                staleWindowDays: 180
                graceDays: 14
                """;

        assertThatThrownBy(() -> PolicyLoader.parse(yaml, "policy.yaml"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.key()).isEqualTo("graceDays");
                        assertThat(p.line()).isEqualTo(4);
                    });
                    assertThat(e.getMessage()).contains("policy.yaml", "line 4", "graceDays", "unknown key");
                });
    }

    @Test
    void outOfRangeValueIsRefusedNamingTheKeyAndItsLine() {
        String yaml = """
                id: p
                version: "1"
                staleWindowDays: 0
                """;

        assertThatThrownBy(() -> PolicyLoader.parse(yaml, "policy.yaml"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.key()).isEqualTo("staleWindowDays");
                        assertThat(p.line()).isEqualTo(3);
                        assertThat(p.message()).contains("between 1 and 3650", "was 0");
                    });
                });
    }

    @Test
    void unknownRuleAndBadSeverityAreRefusedWithTheirNestedKeysAndLines() {
        String yaml = """
                id: p
                version: "1"
                rules:
                  stale-unused:
                    severity: SEVERE
                  stale-unsued: {enabled: true}
                highRiskScopePatterns: ['admin', 'bad\\']
                """;

        assertThatThrownBy(() -> PolicyLoader.parse(yaml, "policy.yaml"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.problems())
                        .extracting(PolicyValidationException.Problem::key, PolicyValidationException.Problem::line)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("rules.stale-unused.severity", 5),
                                org.assertj.core.groups.Tuple.tuple("rules.stale-unsued", 6),
                                org.assertj.core.groups.Tuple.tuple("highRiskScopePatterns[1]", 7)));
    }

    @Test
    void missingIdAndVersionAreRefused() {
        assertThatThrownBy(() -> PolicyLoader.parse("staleWindowDays: 100\n", "p.yaml"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.problems())
                        .extracting(PolicyValidationException.Problem::key).containsExactlyInAnyOrder("id", "version"));
    }

    @Test
    void scopeGlobsMatchWholeScopesAndEscapedStarsLiterally() {
        assertThat(ScopePattern.of("*:write").matches("users:write")).isTrue();
        assertThat(ScopePattern.of("*:write").matches("users:writeable")).isFalse();
        assertThat(ScopePattern.of("\\*").matches("*")).isTrue();
        assertThat(ScopePattern.of("\\*").matches("admin")).isFalse();
        assertThat(ScopePattern.of("\\*:\\*").matches("*:*")).isTrue();
        assertThat(ScopePattern.of("admin").matches("admin:readonly")).isFalse();
    }

    @Test
    void privilegeSettingsAreValidatedNamingTheKeyAndItsLine() {
        String yaml = """
                id: p
                version: "1"
                privilege:
                  adminRoleNames: [Master Admin, Org Owner]
                  identityAdminPermissions:
                    - 'oauth:client:add|edit'
                    - 'oauth:client:add:extra'
                  sensitivePermissions: ['a b']
                  adminRoles: []
                """;

        assertThatThrownBy(() -> PolicyLoader.parse(yaml, "policy.yaml"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.problems())
                        .extracting(PolicyValidationException.Problem::key, PolicyValidationException.Problem::line)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("privilege.adminRoles", 9),
                                org.assertj.core.groups.Tuple.tuple("privilege.identityAdminPermissions[1]", 7),
                                org.assertj.core.groups.Tuple.tuple("privilege.sensitivePermissions[0]", 8)));
    }

    @Test
    void privilegeSettingsOverrideTheDefaults() {
        Policy policy = PolicyLoader.parse("""
                id: p
                version: "1"
                privilege:
                  adminRoleNames: [Org Owner]
                  identityAdminPermissions: ['oauth:client']
                """, "policy.yaml");

        assertThat(policy.privilege().isAdminRoleName("org owner")).isTrue();
        assertThat(policy.privilege().isAdminRoleName("Master Admin")).isFalse();
        assertThat(policy.privilege().identityAdminPermissions()).extracting(PermissionPattern::text).containsExactly("oauth:client");
        assertThat(policy.privilege().sensitivePermissions()).extracting(PermissionPattern::text)
                .containsExactlyElementsOf(PrivilegeSettings.DEFAULT_SENSITIVE);
    }

    @Test
    void ownersAreGivenSevenDaysNoticeByDefaultAndUnownedClientsHaveNoFallbackUntilOneIsNamed() {
        Policy policy = PolicyLoader.loadDefault();

        assertThat(policy.notice().period()).isEqualTo(Duration.ofDays(7));
        assertThat(policy.notice().required()).isTrue();
        assertThat(policy.notice().fallbackFor("org-1")).isEmpty();
    }

    @Test
    void ownerAbsentContactIsPerOrgWithAStarForEveryOtherOrg() {
        Policy policy = PolicyLoader.parse("""
                id: p
                version: "1"
                noticeDays: 3
                ownerAbsentContact:
                  "*": security@example.com
                  org-2: https://hooks.example.com/org-2
                """, "policy.yaml");

        assertThat(policy.notice().period()).isEqualTo(Duration.ofDays(3));
        assertThat(policy.notice().fallbackFor("org-1").orElseThrow().address()).isEqualTo("security@example.com");
        assertThat(policy.notice().fallbackFor("org-2").orElseThrow().address()).isEqualTo("https://hooks.example.com/org-2");
    }

    @Test
    void aFallbackContactThatIsNeitherAnAddressNorAWebhookIsRefusedWithItsLine() {
        String yaml = """
                id: p
                version: "1"
                noticeDays: -1
                ownerAbsentContact:
                  org-1: the security team
                """;

        assertThatThrownBy(() -> PolicyLoader.parse(yaml, "policy.yaml"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.problems())
                        .extracting(PolicyValidationException.Problem::key, PolicyValidationException.Problem::line)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("noticeDays", 3),
                                org.assertj.core.groups.Tuple.tuple("ownerAbsentContact.org-1", 5)));
    }
}
