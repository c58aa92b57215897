package io.oauthgov.simulator.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.simulator.SecretLedger;
import io.oauthgov.simulator.model.AuditEntry;
import io.oauthgov.simulator.model.AuthorizationRole;
import io.oauthgov.simulator.model.Division;
import io.oauthgov.simulator.model.AuditFilter;
import io.oauthgov.simulator.model.ClientState;
import io.oauthgov.simulator.model.GrantType;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.Organization;
import io.oauthgov.simulator.model.ServiceMapping;
import io.oauthgov.simulator.model.SimulatedClient;
import io.oauthgov.simulator.model.UsageQuery;
import io.oauthgov.simulator.model.UsageRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrganizationGeneratorTest {
    private static final Instant ANCHOR = Instant.parse("2025-06-02T12:00:00Z");

    private static GeneratedWorld generate(long seed, int orgs, int clients) {
        return new OrganizationGenerator().generate(new GeneratorSettings(orgs, clients, seed, ANCHOR, 1, 2,
                new SecretLedger()::issueSecret));
    }

    @Test
    void sameSeedAndAnchorGiveIdenticalTruthAndRegistry() {
        GeneratedWorld first = generate(7, 2, 120);
        GeneratedWorld second = generate(7, 2, 120);

        assertThat(second.truth().toJson()).isEqualTo(first.truth().toJson());
        assertThat(second.registry().entries()).isEqualTo(first.registry().entries());
    }

    @Test
    void anotherSeedGivesAnotherOrganization() {
        assertThat(generate(8, 2, 120).truth().toJson()).isNotEqualTo(generate(7, 2, 120).truth().toJson());
    }

    @Test
    void categoryMixIsAboutAQuarterStaleAndContainsEveryTrap() {
        GroundTruth truth = generate(3, 1, 200).truth();

        assertThat(truth.categoryCounts().get(Category.STALE_UNUSED)).isEqualTo(50);
        assertThat(truth.categoryCounts().get(Category.TOKEN_ONLY_USE)).isEqualTo(5);
        for (Category category : Category.values()) {
            assertThat(truth.categoryCounts()).as("every category present").containsKey(category);
        }
    }

    @Test
    void staleClientsAreOldActiveMachineGrantsWithoutUseInTheLast180Days() {
        GeneratedWorld world = generate(11, 1, 200);
        Organization org = world.organizations().get(0);
        Map<String, SimulatedClient> clients = clientsById(org);

        for (ClientTruth truth : world.truth().clientsIn(Category.STALE_UNUSED)) {
            SimulatedClient client = clients.get(truth.id());
            assertThat(client.authorizedGrantType()).isIn(GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD);
            assertThat(client.state()).isEqualTo(ClientState.ACTIVE);
            assertThat(client.dateCreated()).isBefore(ANCHOR.minus(365, ChronoUnit.DAYS));
            assertThat(usageRowsInLast(org, client.id(), 180)).as("no usage for stale %s", client).isEmpty();
            assertThat(truth.expected().candidate()).isTrue();
        }
    }

    @Test
    void oldMetadataButUsedClientsWereModifiedYearsAgoYetUsedLastWeek() {
        GeneratedWorld world = generate(11, 1, 200);
        Organization org = world.organizations().get(0);
        Map<String, SimulatedClient> clients = clientsById(org);

        List<ClientTruth> traps = world.truth().clientsIn(Category.OLD_METADATA_BUT_USED);
        assertThat(traps).isNotEmpty();
        for (ClientTruth truth : traps) {
            SimulatedClient client = clients.get(truth.id());
            assertThat(client.dateModified()).isBefore(ANCHOR.minus(700, ChronoUnit.DAYS));
            assertThat(usageRowsInLast(org, client.id(), 7)).isNotEmpty();
            assertThat(truth.expected().candidate()).isFalse();
        }
    }

    @Test
    void tokenOnlyClientsLookStaleButGotTokensInTheLastDaysSoAreKept() {
        GeneratedWorld world = generate(11, 1, 200);
        Organization org = world.organizations().get(0);
        Map<String, SimulatedClient> clients = clientsById(org);

        List<ClientTruth> tokenOnly = world.truth().clientsIn(Category.TOKEN_ONLY_USE);
        assertThat(tokenOnly).isNotEmpty();
        for (ClientTruth truth : tokenOnly) {
            SimulatedClient client = clients.get(truth.id());
            List<AuditEntry> grants = org.audits(ANCHOR.minus(6, ChronoUnit.DAYS), ANCHOR.plusSeconds(1),
                    ServiceMapping.PEOPLE_PERMISSIONS, List.of(new AuditFilter("ClientId", client.id()),
                            new AuditFilter("EntityType", "AccessToken")), false);
            assertThat(client.authorizedGrantType()).isEqualTo(GrantType.CLIENT_CREDENTIALS);
            assertThat(client.state()).as("an inactive client cannot obtain tokens").isEqualTo(ClientState.ACTIVE);
            assertThat(client.dateModified()).isBefore(ANCHOR.minus(180, ChronoUnit.DAYS));
            assertThat(usageRowsInLast(org, client.id(), 3000)).as("no usage row ever").isEmpty();
            assertThat(grants).hasSizeGreaterThanOrEqualTo(2).allMatch(g -> g.status().equals("SUCCESS"))
                    .anyMatch(g -> g.eventDate().isBefore(ANCHOR.minus(1, ChronoUnit.DAYS)));
            assertThat(truth.lastUsed()).isEqualTo(Json.instant(grants.get(grants.size() - 1).eventDate()
                    .truncatedTo(ChronoUnit.DAYS)));
            assertThat(truth.flags()).doesNotContain("NEVER_USED");
            assertThat(truth.expected().candidate()).isFalse();
            assertThat(truth.expected().outcome()).isNull();
        }
    }

    @Test
    void userFacingAndProtectedClientsLookStaleButAreNotCandidates() {
        GeneratedWorld world = generate(5, 1, 200);
        Set<String> registeredProtected = world.registry().entries().stream()
                .filter(RegistryEntry::protectedClient).map(RegistryEntry::clientId).collect(Collectors.toSet());

        world.truth().clientsIn(Category.USER_FACING_GRANT).forEach(t -> {
            assertThat(GrantType.fromWire(t.grantType()).orElseThrow().userFacing()).isTrue();
            assertThat(t.expected().candidate()).isFalse();
        });
        world.truth().clientsIn(Category.PROTECTED).forEach(t -> {
            assertThat(registeredProtected).contains(t.id());
            assertThat(t.expected().candidate()).isFalse();
        });
        assertThat(world.registry().entries()).as("registry also lists owned clients that are not protected")
                .anyMatch(e -> !e.protectedClient());
    }

    @Test
    void apiIdentitiesAreListedClientsWithTheirRolesPermissions() {
        GeneratedWorld world = generate(5, 1, 20);
        String orgId = world.organizations().get(0).id();

        assertThat(world.identities().get(orgId)).hasSize(3);
        assertThat(world.truth().orgs().get(0).clients()).filteredOn(c -> c.flags().contains("API_IDENTITY"))
                .hasSize(3).allMatch(c -> !c.expected().candidate());
        assertThat(world.truth().toJson()).as("ground truth never holds a secret")
                .doesNotContain(world.identities().get(orgId).get(0).secret());
    }

    @Test
    void scopesBelongToUserFacingGrantsAndClientCredentialsHoldRolesInDivisions() {
        GeneratedWorld world = generate(11, 1, 200);
        Organization org = world.organizations().get(0);
        Set<String> roleIds = org.roles().stream().map(AuthorizationRole::id).collect(Collectors.toSet());
        Set<String> divisionIds = org.divisions().stream().map(Division::id).collect(Collectors.toSet());

        for (SimulatedClient client : org.listClients(ANCHOR)) {
            if (client.authorizedGrantType() == GrantType.CLIENT_CREDENTIALS) {
                assertThat(client.scope()).as("client credentials carry no scopes: %s", client).isEmpty();
                assertThat(client.roleDivisions()).as("client credentials hold roles: %s", client).isNotEmpty()
                        .allSatisfy(g -> {
                            assertThat(roleIds).contains(g.roleId());
                            assertThat(g.divisionId()).isIn(union(divisionIds, Division.ALL));
                        });
            } else {
                assertThat(client.roleDivisions()).as("user-facing grants act with the user's roles: %s", client)
                        .isEmpty();
            }
        }
        assertThat(org.divisions()).filteredOn(Division::homeDivision).hasSize(1);
        assertThat(org.roles()).filteredOn(r -> r.name().equals("Master Admin")).singleElement()
                .satisfies(r -> assertThat(r.permissionPolicies()).extracting(p -> p.domain() + ":" + p.entityName()
                        + ":" + String.join(",", p.actionSet())).containsExactly("*:*:*"));
    }

    @Test
    void privilegedStaleClientsHoldMasterAdminAndAreUnusedForTheWholeWindow() {
        GeneratedWorld world = generate(11, 1, 200);
        Organization org = world.organizations().get(0);
        Map<String, SimulatedClient> clients = clientsById(org);

        List<ClientTruth> privileged = world.truth().clientsIn(Category.PRIVILEGED_STALE);
        assertThat(privileged).isNotEmpty();
        for (ClientTruth truth : privileged) {
            SimulatedClient client = clients.get(truth.id());
            assertThat(client.authorizedGrantType()).isEqualTo(GrantType.CLIENT_CREDENTIALS);
            assertThat(roleNames(org, client)).contains("Master Admin");
            assertThat(usageRowsInLast(org, client.id(), 180)).isEmpty();
            assertThat(truth.flags()).contains("ADMIN_ROLE");
            assertThat(truth.expected()).isEqualTo(new ClientTruth.Expected(true, true, "DELETED"));
        }
    }

    @Test
    void overprivilegedActiveClientsHoldMasterAdminButOnlyEverRead() {
        GeneratedWorld world = generate(11, 1, 200);
        Organization org = world.organizations().get(0);
        Map<String, SimulatedClient> clients = clientsById(org);

        List<ClientTruth> overprivileged = world.truth().clientsIn(Category.OVERPRIVILEGED_ACTIVE);
        assertThat(overprivileged).isNotEmpty();
        for (ClientTruth truth : overprivileged) {
            SimulatedClient client = clients.get(truth.id());
            assertThat(roleNames(org, client)).contains("Master Admin");
            assertThat(methodsUsed(org, client.id(), 180)).containsExactly("GET");
            assertThat(truth.expected().candidate()).isFalse();
            assertThat(truth.expected().risk()).isTrue();
        }
    }

    @Test
    void readOnlyActiveClientsHoldOnlyViewRolesAndOnlyRead() {
        GeneratedWorld world = generate(11, 1, 200);
        Organization org = world.organizations().get(0);
        Map<String, SimulatedClient> clients = clientsById(org);

        List<ClientTruth> readOnly = world.truth().clientsIn(Category.READ_ONLY_ACTIVE);
        assertThat(readOnly).isNotEmpty();
        for (ClientTruth truth : readOnly) {
            SimulatedClient client = clients.get(truth.id());
            assertThat(truth.flags()).contains("READ_ONLY_ROLES").doesNotContain("ADMIN_ROLE");
            assertThat(methodsUsed(org, client.id(), 180)).containsExactly("GET");
            assertThat(truth.expected().risk()).isFalse();
        }
    }

    @Test
    void lastUseOfClientsInUseSpreadsContinuouslyFromDaysToMonthsAgo() {
        GroundTruth truth = generate(11, 1, 400).truth();
        LocalDate today = ANCHOR.atZone(ZoneOffset.UTC).toLocalDate();

        List<Long> daysAgo = truth.orgs().get(0).clients().stream()
                .filter(c -> !c.expected().candidate() && c.lastUsed() != null)
                .map(c -> ChronoUnit.DAYS.between(LocalDate.ofInstant(Instant.parse(c.lastUsed()), ZoneOffset.UTC),
                        today))
                .toList();
        assertThat(daysAgo).as("used this week").anyMatch(d -> d < 7);
        assertThat(daysAgo).as("used weeks ago").anyMatch(d -> d >= 7 && d < 60);
        assertThat(daysAgo).as("kept, but unused for longer than a 60-day what-if window")
                .anyMatch(d -> d >= 60 && d < 180);
    }

    private static Set<String> union(Set<String> values, String extra) {
        Set<String> all = new java.util.HashSet<>(values);
        all.add(extra);
        return all;
    }

    private static List<String> roleNames(Organization org, SimulatedClient client) {
        return client.roleDivisions().stream().map(g -> org.role(g.roleId()).orElseThrow().name()).toList();
    }

    private static Set<String> methodsUsed(Organization org, String clientId, int days) {
        LocalDate today = ANCHOR.atZone(ZoneOffset.UTC).toLocalDate();
        UsageQuery query = new UsageQuery(today.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant(),
                ANCHOR.plusSeconds(1), UsageQuery.Granularity.Day,
                EnumSet.of(UsageQuery.GroupBy.OAuthClientId, UsageQuery.GroupBy.HttpMethod));
        return org.usage(query, clientId).stream().map(UsageRow::httpMethod).collect(Collectors.toSet());
    }

    private static Map<String, SimulatedClient> clientsById(Organization org) {
        return org.listClients(ANCHOR).stream().collect(Collectors.toMap(SimulatedClient::id, Function.identity()));
    }

    private static List<?> usageRowsInLast(Organization org, String clientId, int days) {
        LocalDate today = ANCHOR.atZone(ZoneOffset.UTC).toLocalDate();
        UsageQuery query = new UsageQuery(today.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant(),
                ANCHOR.plusSeconds(1), UsageQuery.Granularity.Day, EnumSet.of(UsageQuery.GroupBy.OAuthClientId));
        return org.usage(query, clientId);
    }
}
