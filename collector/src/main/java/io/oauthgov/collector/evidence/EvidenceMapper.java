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
     */
    public static List<ActivityEvidence> fromAudit(String orgId, AuditEntry entry, Instant observedAt) {
        List<ActivityEvidence> evidence = new ArrayList<>(2);
        if (entry.clientId() != null && entry.eventDate() != null) {
            evidence.add(audit(orgId, entry, entry.clientId(), EvidenceRelation.USED_BY_CLIENT, observedAt));
        }
        if (OAUTH_CLIENT.equals(entry.entityType()) && entry.entity() != null && entry.entity().id() != null && entry.eventDate() != null) {
            evidence.add(audit(orgId, entry, entry.entity().id(), EvidenceRelation.CHANGED_CLIENT, observedAt));
        }
        return evidence;
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
