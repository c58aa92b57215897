package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.ClientState;
import io.oauthgov.simulator.model.GrantType;
import io.oauthgov.simulator.model.IdentityRole;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.Organization;
import io.oauthgov.simulator.model.RoleDivision;
import io.oauthgov.simulator.model.SimulatedClient;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds seeded organizations: API identities first, then {@code clientsPerOrg} clients whose categories follow
 * {@link CategoryMix}, each with usage and audit evidence consistent with its category, plus the ground truth
 * and the integration registry. Every org draws from its own split of the seed.
 */
public final class OrganizationGenerator {

    public GeneratedWorld generate(GeneratorSettings settings) {
        SeededRandom root = new SeededRandom(settings.seed());
        java.time.Instant anchor = settings.anchor().truncatedTo(ChronoUnit.MILLIS);
        List<Organization> orgs = new ArrayList<>();
        Map<String, List<ApiIdentity>> identities = new LinkedHashMap<>();
        List<OrgTruth> truths = new ArrayList<>();
        List<RegistryEntry> registry = new ArrayList<>();
        for (int i = 0; i < settings.orgs(); i++) {
            SeededRandom random = root.split();
            OrgContext ctx = new OrgContext(i, anchor, random);
            Organization org = new Organization(ctx.orgId, ctx.name, ctx.region, ctx.domain);
            ctx.roles.forEach(org::addRole);
            ctx.divisions.forEach(org::addDivision);
            List<ClientTruth> clients = new ArrayList<>();
            List<ApiIdentity> orgIdentities = generateIdentities(settings, org, ctx, random, clients, registry);
            for (Category category : CategoryMix.assign(settings.clientsPerOrg(), random)) {
                clients.add(generateClient(category, settings, org, ctx, random, registry));
            }
            orgs.add(org);
            identities.put(org.id(), orgIdentities);
            truths.add(new OrgTruth(org.id(), org.name(), org.region(), orgIdentities.stream()
                    .map(id -> new OrgTruth.IdentityTruth(id.clientId(), id.role().name(),
                            List.copyOf(new TreeSet<>(id.permissions()))))
                    .toList(), clients));
        }
        return new GeneratedWorld(orgs, identities,
                GroundTruth.of(settings.seed(), Json.instant(anchor), truths), new IntegrationRegistry(registry));
    }

    private static ClientTruth generateClient(Category category, GeneratorSettings settings, Organization org,
            OrgContext ctx, SeededRandom random, List<RegistryEntry> registry) {
        ClientProfile profile = ClientProfile.forCategory(category, random);
        ClientFactory.Generated generated = ClientFactory.create(profile, ctx, random, settings.secrets().get());
        SimulatedClient client = generated.client();
        org.put(client);
        EvidenceWriter.writeLifecycle(org, client, ctx, random);
        LocalDate lastUse = category == Category.TOKEN_ONLY_USE
                ? EvidenceWriter.writeTokenGrants(org, client, ctx, random)
                : EvidenceWriter.writeUsage(org, client, profile, ctx, random);
        List<String> flags = new ArrayList<>();
        RegistryEntry entry = registryEntry(category, org, generated, random);
        if (entry != null) {
            registry.add(entry);
            flags.add("IN_REGISTRY");
        }
        return truth(client, category, flags, lastUse, ctx);
    }

    private static RegistryEntry registryEntry(Category category, Organization org, ClientFactory.Generated g,
            SeededRandom random) {
        boolean owned = switch (category) {
            case PROTECTED -> true;
            case ACTIVE_IN_USE, OLD_METADATA_BUT_USED, HIGH_RISK_SCOPES -> random.chance(0.5);
            case STALE_UNUSED -> random.chance(0.2);
            default -> false;
        };
        if (!owned) {
            return null;
        }
        boolean isProtected = category == Category.PROTECTED;
        String criticality = isProtected ? random.pick(List.of("high", "critical"))
                : random.pick(List.of("low", "medium"));
        return new RegistryEntry(org.id(), g.client().id(), g.client().name(), random.pick(NameBank.OWNERS),
                g.system(), criticality, isProtected);
    }

    /**
     * The pipeline's own identities are ordinary, busy client-credentials clients of the org (they show up in the
     * listing) and are registered as protected, so a correct pipeline never proposes deleting itself.
     */
    private static List<ApiIdentity> generateIdentities(GeneratorSettings settings, Organization org,
            OrgContext ctx, SeededRandom random, List<ClientTruth> truths, List<RegistryEntry> registry) {
        List<ApiIdentity> identities = new ArrayList<>();
        for (IdentityRole role : IdentityRole.values()) {
            int count = role == IdentityRole.COLLECTOR ? settings.collectorsPerOrg() : settings.executorsPerOrg();
            for (int n = 1; n <= count; n++) {
                String secret = settings.secrets().get();
                String name = "oauthgov " + role.name().toLowerCase() + " " + n;
                int createdAgo = random.between(200, 400);
                boolean collector = role == IdentityRole.COLLECTOR;
                String roleId = ctx.role(collector ? RoleCatalog.COLLECTOR : RoleCatalog.EXECUTOR).id();
                SimulatedClient client = new SimulatedClient(random.uuid(), name,
                        "Governance pipeline API identity", 86_400, List.of(), secret, List.of(roleId),
                        List.of(new RoleDivision(roleId, ctx.homeDivision().id())), ctx.daysAgo(createdAgo, random),
                        ctx.daysAgo(createdAgo, random), ctx.users.get(0), ctx.users.get(0),
                        GrantType.CLIENT_CREDENTIALS, List.of(), ClientState.ACTIVE, null);
                org.put(client);
                EvidenceWriter.writeLifecycle(org, client, ctx, random);
                ClientProfile busy = new ClientProfile(GrantType.CLIENT_CREDENTIALS, ClientState.ACTIVE, createdAgo,
                        createdAgo, 0, 30, 1.0, false,
                        collector ? AccessProfile.GOVERNANCE_COLLECTOR : AccessProfile.GOVERNANCE_EXECUTOR, false);
                LocalDate lastUse = EvidenceWriter.writeUsage(org, client, busy, ctx, random);
                registry.add(new RegistryEntry(org.id(), client.id(), name, "Security Engineering", "oauthgov",
                        "critical", true));
                truths.add(truth(client, Category.ACTIVE_IN_USE, new ArrayList<>(List.of("API_IDENTITY",
                        "IN_REGISTRY")), lastUse, ctx));
                identities.add(new ApiIdentity(org.id(), org.region(), org.domain(), client.id(), secret, name, role,
                        settings.permissionsOf(role)));
            }
        }
        return identities;
    }

    private static ClientTruth truth(SimulatedClient client, Category category, List<String> flags,
            LocalDate lastUse, OrgContext ctx) {
        boolean riskyScopes = ClientFactory.hasHighRiskScope(client);
        if (riskyScopes) {
            flags.add("HIGH_RISK_SCOPES");
        }
        boolean admin = ClientFactory.holdsAdminRole(client, ctx);
        if (admin) {
            flags.add("ADMIN_ROLE");
        }
        if (ClientFactory.onlyReadOnlyRoles(client, ctx)) {
            flags.add("READ_ONLY_ROLES");
        }
        boolean risk = riskyScopes || admin;
        if (lastUse == null) {
            flags.add("NEVER_USED");
        }
        List<String> sorted = List.copyOf(new TreeSet<>(flags));
        return new ClientTruth(client.id(), client.name(), category, sorted,
                client.authorizedGrantType().wireName(), client.state().wireName(),
                Json.instant(client.dateCreated()), Json.instant(client.dateModified()),
                lastUse == null ? null : Json.instant(lastUse.atStartOfDay(ZoneOffset.UTC).toInstant()),
                new ClientTruth.Expected(category.candidate(), risk, category.expectedOutcome()));
    }
}
