package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.IdentityRole;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Inputs of the generator. The same seed, counts and anchor give the same organizations and ground truth;
 * secrets come from {@code secrets} and are never part of the ground truth.
 *
 * @param anchor the "now" the generated history is relative to
 * @param revokedPermissions permissions the API identities of a role do not get (to test a pipeline that runs
 *     with too little power, e.g. a collector without the usage permission); empty by default
 */
public record GeneratorSettings(int orgs, int clientsPerOrg, long seed, Instant anchor, int collectorsPerOrg,
        int executorsPerOrg, Supplier<String> secrets, Map<IdentityRole, Set<String>> revokedPermissions) {

    public GeneratorSettings {
        if (orgs < 1 || clientsPerOrg < 0 || collectorsPerOrg < 0 || executorsPerOrg < 0) {
            throw new IllegalArgumentException("orgs must be >= 1 and counts >= 0");
        }
        revokedPermissions = revokedPermissions.entrySet().stream().collect(java.util.stream.Collectors
                .toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    }

    public GeneratorSettings(int orgs, int clientsPerOrg, long seed, Instant anchor, int collectorsPerOrg,
            int executorsPerOrg, Supplier<String> secrets) {
        this(orgs, clientsPerOrg, seed, anchor, collectorsPerOrg, executorsPerOrg, secrets,
                new EnumMap<>(IdentityRole.class));
    }

    /** The role's default permissions minus the revoked ones. */
    public Set<String> permissionsOf(IdentityRole role) {
        Set<String> permissions = new HashSet<>(role.defaultPermissions());
        permissions.removeAll(revokedPermissions.getOrDefault(role, Set.of()));
        return permissions;
    }
}
