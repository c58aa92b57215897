package io.oauthgov.collector.snapshot;

import io.oauthgov.avro.AuthorizationDivision;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.PermissionPolicy;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.model.AuthorizationRole;
import io.oauthgov.genesys.model.Division;
import io.oauthgov.genesys.model.PagedListing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an organization's roles and divisions, every page, and publishes them as one {@link AuthorizationSnapshot}
 * when both listings are verified the way client listings are: as many entities as the listing's {@code total},
 * no id twice, the same total on every page. An unverified read publishes nothing, so the analyzer keeps judging
 * on the last verified roles instead of on a partial list that would make a Master Admin grant look harmless.
 */
public final class AuthorizationSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationSnapshots.class);

    /** What one read did: verified or why not, and how much it read. */
    public record Result(boolean verified, int roles, int divisions, List<String> failureReasons) {
        public Result {
            failureReasons = List.copyOf(failureReasons);
        }

        public String describe() {
            return verified ? roles + " roles, " + divisions + " divisions" : "roles/divisions NOT verified " + failureReasons;
        }
    }

    private final Clock clock;

    public AuthorizationSnapshots(Clock clock) {
        this.clock = clock;
    }

    /** Reads the org's roles and divisions and, when verified, hands them to {@code publish}. */
    public Result collect(OrgTarget org, Consumer<AuthorizationSnapshot> publish) {
        PagedListing<AuthorizationRole> roles;
        PagedListing<Division> divisions;
        try {
            roles = org.api().authorization().listRoles();
            divisions = org.api().authorization().listDivisions();
        } catch (GenesysApiException e) {
            LOG.warn("Roles/divisions of org {} not read ({}); the collector identity needs authorization:role:view and"
                    + " authorization:division:view; the last verified roles stay in force", org.orgId(), e.getMessage());
            return new Result(false, 0, 0, List.of(SnapshotVerification.API_ERROR));
        }
        List<String> reasons = new ArrayList<>();
        reasons.addAll(verify("roles", roles, AuthorizationRole::id));
        reasons.addAll(verify("divisions", divisions, Division::id));
        if (!reasons.isEmpty()) {
            LOG.warn("Roles/divisions of org {} not verified {}: not published", org.orgId(), reasons);
            return new Result(false, roles.entities().size(), divisions.entities().size(), reasons);
        }
        publish.accept(AuthorizationSnapshot.newBuilder()
                .setSnapshotId(UUID.randomUUID().toString())
                .setOrgId(org.orgId())
                .setRegion(org.region())
                .setObservedAt(clock.instant())
                .setVerified(true)
                .setRoles(roles.entities().stream().map(AuthorizationSnapshots::role).toList())
                .setDivisions(divisions.entities().stream().map(d -> new AuthorizationDivision(d.id(),
                        Objects.toString(d.name(), ""), Boolean.TRUE.equals(d.homeDivision()))).toList())
                .build());
        return new Result(true, roles.entities().size(), divisions.entities().size(), List.of());
    }

    /** Why a listing is not to be trusted, each reason prefixed by what was listed; empty when verified. */
    static <T> List<String> verify(String what, PagedListing<T> listing, Function<T, String> id) {
        SnapshotVerification verification = SnapshotVerification.of(listing.entities().stream().map(id).toList(),
                listing.declaredTotal(), null);
        List<String> reasons = new ArrayList<>(verification.failureReasons());
        if (listing.totalChangedBetweenPages()) {
            reasons.add(SnapshotVerification.LISTING_DRIFT);
        }
        return reasons.stream().map(r -> what + " " + r).toList();
    }

    private static io.oauthgov.avro.AuthorizationRole role(AuthorizationRole role) {
        return io.oauthgov.avro.AuthorizationRole.newBuilder()
                .setId(role.id())
                .setName(Objects.toString(role.name(), role.id()))
                .setDescription(role.description())
                .setDefaultRoleId(role.defaultRoleId())
                .setBase(Boolean.TRUE.equals(role.base()))
                .setPermissions(role.permissions())
                .setPermissionPolicies(role.permissionPolicies().stream().map(p -> new PermissionPolicy(
                        Objects.toString(p.domain(), ""), Objects.toString(p.entityName(), ""), p.actionSet(),
                        Boolean.TRUE.equals(p.allowConditions()))).toList())
                .build();
    }
}
