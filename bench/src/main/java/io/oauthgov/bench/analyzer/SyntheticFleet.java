package io.oauthgov.bench.analyzer;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Criticality;
import io.oauthgov.avro.EntityRef;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.IntegrationRecordType;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.RoleDivision;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.schemas.topics.OrgWide;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic organizations for the analyzer benchmarks, shaped like the simulator's (and a real
 * org's) population: mostly machine clients, some user-facing grants, a tail of disabled, stale, never-used,
 * over-privileged and long-token clients; 70 % owned in the integration registry, a sixth of those protected.
 * Built directly as Avro records so generating 100,000 clients takes a fraction of a second, unlike an HTTP
 * collection; the collector has its own benchmark.
 *
 * @param fleet distinguishes the client ids of repeated measurements, so each repetition sees new clients
 */
public record SyntheticFleet(int fleet, int orgs, int clientsPerOrg, Instant now) {
    private static final List<String> GRANTS = List.of("CLIENT-CREDENTIALS", "CLIENT-CREDENTIALS", "CLIENT-CREDENTIALS",
            "CLIENT-CREDENTIALS", "CLIENT-CREDENTIALS", "CLIENT-CREDENTIALS", "CODE", "CODE", "TOKEN", "SAML2-BEARER");
    private static final List<String> SCOPES = List.of("analytics", "analytics:readonly", "users:readonly", "conversations",
            "conversations:readonly", "routing", "routing:write", "recordings:readonly", "integrations", "architect",
            "notifications", "presence", "outbound", "quality:readonly", "admin", "oauth", "scim", "authorization:readonly");
    private static final List<String> SYSTEMS = List.of("payments-gateway", "crm-sync", "wfm-export", "speech-analytics",
            "chat-widget", "billing", "data-lake", "ivr-routing", "survey-bot", "siem-forwarder");

    public int clients() {
        return orgs * clientsPerOrg;
    }

    /** Each fleet has orgs of its own, so every fleet's manifest stays its orgs' latest and its clients are judged. */
    public String orgId(int org) {
        return String.format("bench-f%d-org-%02d", fleet, org);
    }

    public ClientKey key(int client) {
        return new ClientKey(orgId(client % orgs), clientId(client));
    }

    public String snapshotId(int org) {
        return "bench-snapshot-" + orgId(org);
    }

    private String clientId(int client) {
        return String.format("f%d-client-%07d", fleet, client);
    }

    public OAuthClientSnapshot snapshot(int client) {
        SplittableRandom r = random(client, 1);
        int org = client % orgs;
        Instant created = now.minus(Duration.ofDays(30 + r.nextInt(1500)));
        long sinceCreated = Duration.between(created, now).toDays();
        Instant modified = created.plus(Duration.ofDays(r.nextLong(Math.max(1, sinceCreated))));
        int states = r.nextInt(100);
        List<String> roles = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            roles.add("role-" + r.nextInt(40));
        }
        return OAuthClientSnapshot.newBuilder()
                .setOrgId(orgId(org)).setRegion("us-east-1").setSnapshotId(snapshotId(org)).setObservedAt(now)
                .setId(clientId(client)).setName(SYSTEMS.get(r.nextInt(SYSTEMS.size())) + " integration " + client)
                .setDescription(r.nextInt(4) == 0 ? null : "Service account for " + SYSTEMS.get(r.nextInt(SYSTEMS.size())))
                .setAccessTokenValiditySeconds(r.nextInt(10) == 0 ? 172_800L : 86_400L)
                .setRegisteredRedirectUri(List.of())
                .setRoleIds(roles)
                .setRoleDivisions(roles.stream().map(role -> new RoleDivision(role, "division-home")).toList())
                .setDateCreated(created).setDateModified(modified)
                .setCreatedBy(new EntityRef("user-" + r.nextInt(200), "Admin " + r.nextInt(200)))
                .setModifiedBy(new EntityRef("user-" + r.nextInt(200), null))
                .setAuthorizedGrantType(GRANTS.get(r.nextInt(GRANTS.size())))
                .setScope(scopes(r))
                .setState(states < 90 ? "active" : states < 97 ? "inactive" : "disabled")
                .setDateToDelete(null)
                .build();
    }

    /** The registry entry of a client, or null for the 30 % nobody owns. */
    public IntegrationRecord integration(int client) {
        SplittableRandom r = random(client, 2);
        if (r.nextInt(10) >= 7) {
            return null;
        }
        ClientKey key = key(client);
        return IntegrationRecord.newBuilder()
                .setOrgId(key.getOrgId()).setClientId(key.getClientId())
                .setOwner("team-" + r.nextInt(30)).setSystem(SYSTEMS.get(r.nextInt(SYSTEMS.size())))
                .setCriticality(Criticality.values()[r.nextInt(Criticality.values().length)])
                .setProtected$(r.nextInt(6) == 0)
                .setUpdatedAt(now.minus(Duration.ofDays(r.nextInt(400))))
                .setSource("bench-cmdb.csv")
                .build();
    }

    public OrgKey orgKey(int org) {
        return new OrgKey(orgId(org));
    }

    public SnapshotManifest manifest(int org) {
        return SnapshotManifest.newBuilder()
                .setSnapshotId(snapshotId(org)).setOrgId(orgId(org)).setRegion("us-east-1")
                .setStartedAt(now.minusSeconds(60)).setCompletedAt(now)
                .setExpectedTotal(clientsPerOrg).setObservedTotal(clientsPerOrg).setVerified(true)
                .setDigest("bench").setPages(1).setTombstones(0).setFailureReasons(List.of())
                .build();
    }

    /** The org's registry was imported (as {@code registry import} marks it): a client without an entry is unowned. */
    public IntegrationRecord importMarker(int org) {
        return IntegrationRecord.newBuilder().setOrgId(orgId(org)).setClientId(OrgWide.CLIENT_ID).setOwner("").setSystem("")
                .setUpdatedAt(now.minus(Duration.ofDays(1))).setSource("bench-cmdb.csv")
                .setRecordType(IntegrationRecordType.IMPORT_MARKER).build();
    }

    /**
     * The org's evidence coverage as a collection publishes it (one copy per partition of the activity topic): usage
     * and audit read without a gap over the last 400 days, for the fleet's verified snapshot. Without it the analyzer
     * judges no client on its use ("absence of evidence is not evidence of absence") and a pass would measure only
     * the evidence check.
     */
    public ActivityEvidence coverage(int org, int partition) {
        Instant from = now.minus(Duration.ofDays(400));
        EvidenceCoverage coverage = EvidenceCoverage.newBuilder()
                .setCollectionId("bench-collection-" + orgId(org)).setSnapshotId(snapshotId(org)).setSnapshotObservedAt(now)
                .setOrgClients(clientsPerOrg)
                .setUsageFrom(from).setUsageThrough(now).setAuditFrom(from).setAuditThrough(now).setGaps(List.of())
                .build();
        return ActivityEvidence.newBuilder()
                .setEvidenceId("coverage/" + orgId(org) + "/" + coverage.getCollectionId() + "/" + partition)
                .setOrgId(orgId(org)).setClientId(OrgWide.CLIENT_ID)
                .setSource(EvidenceSource.USAGE).setRelation(EvidenceRelation.COVERAGE)
                .setEventAt(now).setObservedAt(now).setCoverage(coverage)
                .build();
    }

    /**
     * The {@code sequence}-th piece of evidence about a client: four in five are a usage row for one more UTC day
     * (so every row changes the client's aggregate, as a daily collection does), the rest audit entries.
     *
     * @param day how many days before now the evidence is about
     */
    public ActivityEvidence evidence(int client, int sequence, int day) {
        SplittableRandom r = random(client, 100 + sequence);
        ClientKey key = key(client);
        Instant at = now.minus(Duration.ofDays(day)).minusSeconds(r.nextInt(80_000));
        boolean audit = r.nextInt(5) == 0;
        long requests = audit ? 0 : 1 + r.nextInt(5_000);
        return ActivityEvidence.newBuilder()
                .setEvidenceId(audit ? "audit-" + key.getClientId() + "-" + sequence : key.getOrgId() + "/" + key.getClientId() + "/d" + day)
                .setOrgId(key.getOrgId()).setClientId(key.getClientId())
                .setSource(audit ? EvidenceSource.AUDIT : EvidenceSource.USAGE)
                .setRelation(EvidenceRelation.USED_BY_CLIENT)
                .setEventAt(at).setObservedAt(now)
                .setAction(audit ? "Read" : null).setServiceName(audit ? "Directory" : null)
                .setRequests(requests).setStatus200(requests)
                .build();
    }

    /**
     * A client's usage row for one endpoint on one day, as the usage API groups them: a day of a client's usage is
     * one row per endpoint it called, and the collector publishes them one after another.
     */
    public ActivityEvidence usageRow(int client, int endpoint, int day) {
        SplittableRandom r = random(client, 10_000 + endpoint);
        ClientKey key = key(client);
        Instant at = now.minus(Duration.ofDays(day)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        long requests = 1 + r.nextInt(5_000);
        String template = "/api/v2/bench/resource-" + endpoint;
        return ActivityEvidence.newBuilder()
                .setEvidenceId(key.getOrgId() + "/" + key.getClientId() + "/d" + day + "/GET " + template)
                .setOrgId(key.getOrgId()).setClientId(key.getClientId())
                .setSource(EvidenceSource.USAGE).setRelation(EvidenceRelation.USED_BY_CLIENT)
                .setEventAt(at).setObservedAt(now)
                .setHttpMethod("GET").setTemplateUri(template)
                .setRequests(requests).setStatus200(requests)
                .build();
    }

    private List<String> scopes(SplittableRandom r) {
        List<String> scopes = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
            String scope = SCOPES.get(r.nextInt(SCOPES.size()));
            if (!scopes.contains(scope)) {
                scopes.add(scope);
            }
        }
        return scopes;
    }

    private SplittableRandom random(int client, int stream) {
        return new SplittableRandom(((long) fleet << 48) ^ ((long) client << 8) ^ stream);
    }
}
