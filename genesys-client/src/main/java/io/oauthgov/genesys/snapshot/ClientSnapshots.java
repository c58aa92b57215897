package io.oauthgov.genesys.snapshot;

import io.oauthgov.avro.EntityRef;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.RoleDivision;
import io.oauthgov.genesys.model.OAuthClient;
import java.time.Instant;

/** Maps the API's view of a client onto the published snapshot record (the collector publishes it, the executor compares its live re-read with it). The API model has no secret to drop. */
public final class ClientSnapshots {
    private ClientSnapshots() {}

    public static OAuthClientSnapshot from(OAuthClient client, String grantType, String orgId, String region,
                                           String snapshotId, Instant observedAt) {
        return OAuthClientSnapshot.newBuilder()
                .setOrgId(orgId)
                .setRegion(region)
                .setSnapshotId(snapshotId)
                .setObservedAt(observedAt)
                .setId(client.id())
                .setName(client.name() == null ? "" : client.name())
                .setDescription(client.description())
                .setAccessTokenValiditySeconds(client.accessTokenValiditySeconds())
                .setRegisteredRedirectUri(client.registeredRedirectUri())
                .setRoleIds(client.roleIds())
                .setRoleDivisions(client.roleDivisions().stream().map(rd -> new RoleDivision(rd.roleId(), rd.divisionId())).toList())
                .setDateCreated(client.dateCreated())
                .setDateModified(client.dateModified())
                .setCreatedBy(ref(client.createdBy()))
                .setModifiedBy(ref(client.modifiedBy()))
                .setAuthorizedGrantType(grantType)
                .setScope(client.scope())
                .setState(client.state() == null ? "active" : client.state())
                .setDateToDelete(client.dateToDelete())
                .build();
    }

    private static EntityRef ref(OAuthClient.EntityRef ref) {
        return ref == null || ref.id() == null ? null : new EntityRef(ref.id(), ref.name());
    }
}
