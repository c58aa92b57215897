package io.oauthgov.analyzer.evaluation;

import static io.oauthgov.analyzer.Fixtures.EMEA;
import static io.oauthgov.analyzer.Fixtures.HOME;
import static io.oauthgov.analyzer.Fixtures.authorization;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.grants;
import static io.oauthgov.analyzer.Fixtures.role;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.policy.Permission;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.OAuthClientSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a client may do, from its roles in divisions: a pure function on hand-built roles. */
class EffectivePrivilegeTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final AuthorizationSnapshot ROLES = authorization(NOW,
            role("admin", "Master Admin", "*:*:*"),
            role("prov", "User Provisioning", "directory:user:view,add,edit", "routing:queue:view"),
            role("dev", "Developer", "oauth:client:view,add"));

    private static Map<String, EffectivePrivilege.PermissionGrant> held(String... grants) {
        OAuthClientSnapshot c = client("c", NOW).setRoleDivisions(grants(grants)).build();
        return EffectivePrivilege.of(c, ROLES).grants().stream()
                .collect(Collectors.toMap(g -> g.permission().toString(), g -> g));
    }

    @Test
    void expandsEveryActionOfEveryPolicyIntoPermissionTriplesWithTheirRolesAndDivisions() {
        Map<String, EffectivePrivilege.PermissionGrant> held = held("prov@" + EMEA);

        assertThat(held.keySet()).containsExactlyInAnyOrder("directory:user:view", "directory:user:add",
                "directory:user:edit", "routing:queue:view");
        assertThat(held.get("directory:user:add").roles()).containsExactly("User Provisioning");
        assertThat(held.get("directory:user:add").divisions()).containsExactly("EMEA");
        assertThat(held.get("directory:user:add").allDivisions()).isFalse();
    }

    @Test
    void theStarDivisionMeansAllDivisions() {
        assertThat(held("prov@*").get("directory:user:add").allDivisions()).isTrue();
    }

    @Test
    void grantsThatTogetherCoverEveryDivisionAreAllDivisions() {
        assertThat(held("prov@" + HOME, "prov@" + EMEA).get("directory:user:edit").allDivisions()).isTrue();
    }

    @Test
    void theHomeDivisionIsAllDivisionsOnlyForObjectsThatBelongToNoDivision() {
        Map<String, EffectivePrivilege.PermissionGrant> held = held("dev@" + HOME, "prov@" + HOME);

        assertThat(held.get("oauth:client:add").allDivisions()).as("OAuth clients exist once per org").isTrue();
        assertThat(held.get("directory:user:add").allDivisions()).as("users belong to divisions").isFalse();
        assertThat(held("admin@" + HOME).get("*:*:*").allDivisions()).as("a wildcard domain includes org-wide ones").isTrue();
    }

    @Test
    void aRoleTheOrgDoesNotListIsReportedUnresolvedAndUnknownRolesMeanUnknownPrivilege() {
        OAuthClientSnapshot c = client("c", NOW).setRoleDivisions(grants("gone@" + HOME, "dev@" + HOME)).build();

        EffectivePrivilege privilege = EffectivePrivilege.of(c, ROLES);

        assertThat(privilege.unresolvedRoleIds()).containsExactly("gone");
        assertThat(privilege.roleGrants()).containsExactly("Developer @ Home");
        assertThat(EffectivePrivilege.of(c, null).known()).isFalse();
    }

    @Test
    void legacyRoleIdsWithoutDivisionsAreHeldInTheHomeDivision() {
        OAuthClientSnapshot c = client("c", NOW).setRoleIds(List.of("dev")).setRoleDivisions(List.of()).build();

        assertThat(EffectivePrivilege.of(c, ROLES).grants()).extracting(EffectivePrivilege.PermissionGrant::permission)
                .contains(new Permission("oauth", "client", "add"));
        assertThat(EffectivePrivilege.of(c, ROLES).roleGrants()).containsExactly("Developer @ Home");
    }
}
