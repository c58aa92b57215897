package io.oauthgov.analyzer;

import io.oauthgov.avro.RoleDivision;
import io.oauthgov.avro.PermissionPolicy;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.AuthorizationRole;
import io.oauthgov.avro.AuthorizationDivision;
import io.oauthgov.schemas.approval.ApprovalSignature;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.IntegrationRecordType;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Criticality;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.EntityRef;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.SnapshotManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Records for analyzer tests: one organization, clients described by how long ago things happened. */
public final class Fixtures {
    public static final String ORG = "org-1";
    public static final String SNAPSHOT = "snap-1";
    public static final String APPROVER = "alice@example.test";
    public static final String EXECUTOR = "executor-1";
    public static final byte[] HMAC_KEY = "0123456789abcdef-test-key".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private Fixtures() {}

    /**
     * The shipped policy without the notice period: tests about other gate reasons approve at once. The notice
     * period has its own tests (NoticePeriodTopologyTest) on the shipped policy.
     */
    public static io.oauthgov.analyzer.policy.Policy policyWithoutNoticePeriod() {
        return io.oauthgov.analyzer.policy.PolicyLoader.loadDefault().withNoticePeriod(Duration.ZERO);
    }

    public static Duration days(long n) {
        return Duration.ofDays(n);
    }

    public static ClientKey key(String clientId) {
        return new ClientKey(ORG, clientId);
    }

    /** A machine client (CLIENT-CREDENTIALS), created long ago and modified 400 days before {@code now}. */
    public static OAuthClientSnapshot.Builder client(String clientId, Instant now) {
        return OAuthClientSnapshot.newBuilder()
                .setOrgId(ORG).setRegion("us-east-1").setSnapshotId(SNAPSHOT).setObservedAt(now)
                .setId(clientId).setName("client " + clientId).setDescription(null)
                .setAccessTokenValiditySeconds(3600L)
                .setRegisteredRedirectUri(List.of()).setRoleIds(List.of("role-a")).setRoleDivisions(List.of())
                .setDateCreated(now.minus(days(900))).setDateModified(now.minus(days(400)))
                .setCreatedBy(new EntityRef("user-1", "Ada")).setModifiedBy(null)
                .setAuthorizedGrantType("CLIENT-CREDENTIALS").setScope(List.of("analytics"))
                .setState("active").setDateToDelete(null);
    }

    public static ActivityEvidence usage(String clientId, Instant at, long requests) {
        return ActivityEvidence.newBuilder()
                .setEvidenceId(ORG + "/" + clientId + "/" + at.toString().substring(0, 10))
                .setOrgId(ORG).setClientId(clientId).setSource(EvidenceSource.USAGE)
                .setRelation(EvidenceRelation.USED_BY_CLIENT).setEventAt(at).setObservedAt(at.plusSeconds(60))
                .setRequests(requests).setStatus200(requests).build();
    }

    /** A usage row grouped by endpoint: {@code requests} calls of {@code method template} on {@code at}'s day. */
    public static ActivityEvidence endpointUsage(String clientId, Instant at, String method, String template, long requests) {
        return ActivityEvidence.newBuilder(usage(clientId, at, requests))
                .setEvidenceId(ORG + "/" + clientId + "/" + at.toString().substring(0, 10) + "/" + method + " " + template)
                .setHttpMethod(method).setTemplateUri(template).build();
    }

    public static ActivityEvidence auditUse(String clientId, Instant at) {
        return ActivityEvidence.newBuilder()
                .setEvidenceId("audit-" + clientId + "-" + at.toEpochMilli())
                .setOrgId(ORG).setClientId(clientId).setSource(EvidenceSource.AUDIT)
                .setRelation(EvidenceRelation.USED_BY_CLIENT).setEventAt(at).setObservedAt(at.plusSeconds(60))
                .setAction("Create").setServiceName("Directory").build();
    }

    public static ActivityEvidence auditChange(String clientId, Instant at, String actor) {
        return ActivityEvidence.newBuilder()
                .setEvidenceId("audit-change-" + clientId + "-" + at.toEpochMilli())
                .setOrgId(ORG).setClientId(clientId).setSource(EvidenceSource.AUDIT)
                .setRelation(EvidenceRelation.CHANGED_CLIENT).setEventAt(at).setObservedAt(at.plusSeconds(60))
                .setAction("Update").setServiceName("Platform").setActorId("user-9").setActorName(actor).build();
    }

    public static IntegrationRecord integration(String clientId, boolean isProtected, Instant at) {
        return IntegrationRecord.newBuilder()
                .setOrgId(ORG).setClientId(clientId).setOwner("payments-team").setSystem("payments-gateway")
                .setCriticality(Criticality.HIGH).setProtected$(isProtected).setUpdatedAt(at).setSource("cmdb.csv").build();
    }

    public static SnapshotManifest manifest(String snapshotId, boolean verified, Instant at) {
        return SnapshotManifest.newBuilder()
                .setSnapshotId(snapshotId).setOrgId(ORG).setRegion("us-east-1").setStartedAt(at).setCompletedAt(at)
                .setExpectedTotal(10).setObservedTotal(verified ? 10 : 9).setVerified(verified).setDigest("d")
                .setFailureReasons(verified ? List.of() : List.of("TOTAL_MISMATCH")).build();
    }

    /** The org's registry import marker: the registry is known, so an absent entry means unowned. */
    public static IntegrationRecord importMarker(Instant at) {
        return IntegrationRecord.newBuilder()
                .setOrgId(ORG).setClientId(OrgWide.CLIENT_ID).setOwner("").setSystem("").setUpdatedAt(at)
                .setSource("test").setRecordType(IntegrationRecordType.IMPORT_MARKER).build();
    }

    /** An explicit removal of a client's registry entry. */
    public static IntegrationRecord removal(String clientId, Instant at) {
        return IntegrationRecord.newBuilder()
                .setOrgId(ORG).setClientId(clientId).setOwner("").setSystem("").setUpdatedAt(at)
                .setSource("test").setRecordType(IntegrationRecordType.REMOVAL).build();
    }

    /** Org-wide coverage of both sources from {@code from} to {@code through}, for snapshot {@link #SNAPSHOT}. */
    public static ActivityEvidence coverage(String collectionId, Instant from, Instant through, long orgClients, Instant at) {
        return coverage(EvidenceCoverage.newBuilder().setCollectionId(collectionId).setSnapshotId(SNAPSHOT)
                .setSnapshotObservedAt(at).setOrgClients(orgClients).setUsageFrom(from).setUsageThrough(through)
                .setAuditFrom(from).setAuditThrough(through).setGaps(List.of()).build(), at);
    }

    public static ActivityEvidence coverage(EvidenceCoverage coverage, Instant at) {
        return ActivityEvidence.newBuilder()
                .setEvidenceId("coverage/" + ORG + "/" + coverage.getCollectionId() + "/0")
                .setOrgId(ORG).setClientId(OrgWide.CLIENT_ID).setSource(EvidenceSource.USAGE)
                .setRelation(EvidenceRelation.COVERAGE).setEventAt(at).setObservedAt(at).setCoverage(coverage).build();
    }

    /** An approval of a candidate, valid for a day from {@code now}. */
    public static Approval.Builder approval(String approvalId, String clientId, String candidateId, String fingerprint, Instant now) {
        return Approval.newBuilder()
                .setApprovalId(approvalId).setCandidateId(candidateId).setOrgId(ORG).setClientId(clientId)
                .setFingerprint(fingerprint).setDecision(Decision.APPROVE).setApprover(APPROVER)
                .setApprovedAt(now).setExpiresAt(now.plus(days(1))).setTicketRef("CHG-1").setSource("test");
    }

    public static Approval signed(Approval approval) {
        approval.setSignature(ApprovalSignature.sign(HMAC_KEY, approval));
        return approval;
    }

    public static final String HOME = "div-home";
    public static final String EMEA = "div-emea";

    /** A role with policies written as "domain:entity:action1,action2". */
    public static AuthorizationRole role(String id, String name, String... policies) {
        return AuthorizationRole.newBuilder().setId(id).setName(name).setPermissionPolicies(java.util.Arrays.stream(policies)
                .map(p -> p.split(":")).map(p -> new PermissionPolicy(p[0], p[1], List.of(p[2].split(",")), false))
                .toList()).build();
    }

    /** The org's roles and divisions (Home, the home division, and EMEA), as the collector publishes them. */
    public static AuthorizationSnapshot authorization(Instant at, AuthorizationRole... roles) {
        return AuthorizationSnapshot.newBuilder().setSnapshotId("auth-1").setOrgId(ORG).setObservedAt(at).setVerified(true)
                .setRoles(List.of(roles))
                .setDivisions(List.of(new AuthorizationDivision(HOME, "Home", true), new AuthorizationDivision(EMEA, "EMEA", false)))
                .build();
    }

    /** {@code roleDivisions} from "roleId@divisionId" pairs. */
    public static List<RoleDivision> grants(String... roleAtDivision) {
        return java.util.Arrays.stream(roleAtDivision).map(g -> g.split("@")).map(g -> new RoleDivision(g[0], g[1])).toList();
    }
}
