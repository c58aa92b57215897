package io.oauthgov.analyzer.policy;

import java.util.Comparator;

/**
 * One Genesys permission, {@code domain:entity:action} (e.g. {@code directory:user:add}); {@code *} in any part is a
 * wildcard granting every value of it, as in Master Admin's {@code *:*:*}.
 */
public record Permission(String domain, String entity, String action) implements Comparable<Permission> {
    public static final String ANY = "*";
    /** The one action that only reads; every other action (add, edit, delete, *, ...) can change something. */
    public static final String VIEW = "view";
    private static final Comparator<Permission> ORDER = Comparator.comparing(Permission::domain)
            .thenComparing(Permission::entity).thenComparing(Permission::action);

    /** Whether this permission can change something: any action but {@code view}. */
    public boolean writes() {
        return !VIEW.equals(action);
    }

    /** {@code domain:*:*} or {@code *:*:*}: every action on every entity of a domain (or of all). */
    public boolean wholeDomain() {
        return ANY.equals(entity) && ANY.equals(action);
    }

    @Override
    public int compareTo(Permission other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return domain + ":" + entity + ":" + action;
    }
}
