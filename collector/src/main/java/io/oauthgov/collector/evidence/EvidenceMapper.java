package io.oauthgov.collector.evidence;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.genesys.model.AuditEntry;
import io.oauthgov.genesys.model.UsageRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns usage rows and audit entries into activity evidence. Evidence ids are stable (the audit entry id, or
 * org/client/day for usage), so a replayed or re-read interval can be recognised downstream.
 */
public final class EvidenceMapper {
    private static final String OAUTH_CLIENT = "OAuthClient";
    private static final String ACCESS_TOKEN = "AccessToken";
    private static final String TOKEN_CREATE = "Create";
    private static final String FAILURE = "FAILURE";

    private EvidenceMapper() {}

    public static ActivityEvidence fromUsage(String orgId, UsageRow row, Instant observedAt) {
        return ActivityEvidence.newBuilder()
                .setEvidenceId("usage/" + orgId + "/" + row.clientId() + "/" + row.date()
                        + (row.templateUri() == null ? "" : "/" + row.httpMethod() + " " + row.templateUri()))
                .setOrgId(orgId)
                .setClientId(row.clientId())
                .setSource(EvidenceSource.USAGE)
                .setRelation(EvidenceRelation.USED_BY_CLIENT)
                .setEventAt(row.date())
                .setObservedAt(observedAt)
                .setTemplateUri(row.templateUri())
                .setHttpMethod(row.httpMethod())
                .setRequests(row.requests())
                .setStatus200(row.status200())
                .setStatus300(row.status300())
                .setStatus400(row.status400())
                .setStatus500(row.status500())
                .setStatus429(row.status429())
                .build();
    }

    /**
     * An audit entry is evidence twice over: the OAuth client that made the change ({@code client.id}) was in use,
     * and when the changed entity is itself an OAuth client, that client was modified (by whom, and when).
     *
     * <p>Token grants (entity type {@code AccessToken}, service {@code PeoplePermissions}, message code
     * {@code ACCESSTOKENCREATE_SUCCESS}) are use too: the usage API lags about a day and never shows a client that
     * only obtains tokens. The client that got the token is {@code client.id} (the SDK's "client associated with
     * this audit message"); the entity is the token itself, so an AccessToken entry never says a client changed.
     * Sources: the Genesys developer forum thread "AuditApi - PeoplePermissions AccessToken response question"
     * (2022-11), platform-client-sdk-java {@code AuditLogMessage} (action and status enums), and GENESYS_API.md.
     */
    public static List<ActivityEvidence> fromAudit(String orgId, AuditEntry entry, Instant observedAt) {
        List<ActivityEvidence> evidence = new ArrayList<>(2);
        if (entry.clientId() != null && entry.eventDate() != null && !failedTokenGrant(entry)) {
            evidence.add(audit(orgId, entry, entry.clientId(), EvidenceRelation.USED_BY_CLIENT, observedAt));
        }
        if (OAUTH_CLIENT.equals(entry.entityType()) && entry.entity() != null && entry.entity().id() != null && entry.eventDate() != null) {
            evidence.add(audit(orgId, entry, entry.entity().id(), EvidenceRelation.CHANGED_CLIENT, observedAt));
        }
        return evidence;
    }

    /**
     * A token request that Genesys refused ({@code status} FAILURE) is no use: a client id is not a secret (it
     * appears in URLs, logs and browser traffic), so anyone can make a client's grant fail, and no token means no
     * call was made with the client. Counting it would let a wrong secret or a stranger keep a dead client alive.
     * Only an explicit FAILURE is discounted: an entry whose status is missing or WARNING still counts, because
     * reading doubtful evidence as use can only hold a deletion back, never cause one.
     */
    private static boolean failedTokenGrant(AuditEntry entry) {
        return ACCESS_TOKEN.equals(entry.entityType()) && TOKEN_CREATE.equalsIgnoreCase(entry.action())
                && FAILURE.equalsIgnoreCase(entry.status());
    }

    private static ActivityEvidence audit(String orgId, AuditEntry entry, String clientId, EvidenceRelation relation, Instant observedAt) {
        return ActivityEvidence.newBuilder()
                .setEvidenceId("audit/" + entry.id() + "/" + relation)
                .setOrgId(orgId)
                .setClientId(clientId)
                .setSource(EvidenceSource.AUDIT)
                .setRelation(relation)
                .setEventAt(entry.eventDate())
                .setObservedAt(observedAt)
                .setAction(entry.action())
                .setServiceName(entry.serviceName())
                .setActorId(entry.user() == null ? null : entry.user().id())
                .setActorName(entry.user() == null ? null : entry.user().name())
                .build();
    }
}
