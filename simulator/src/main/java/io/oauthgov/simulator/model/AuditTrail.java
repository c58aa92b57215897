package io.oauthgov.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The organization's audit log. Not thread-safe: the owning {@link Organization} serializes access. */
public final class AuditTrail {
    private final List<AuditEntry> entries = new ArrayList<>();

    public void add(AuditEntry entry) {
        entries.add(entry);
    }

    /** Entries of one service within [from, to) matching every filter, oldest first unless descending. */
    public List<AuditEntry> query(Instant from, Instant to, String serviceName, List<AuditFilter> filters,
            String orgId, boolean descending) {
        Comparator<AuditEntry> order = Comparator.comparing(AuditEntry::eventDate).thenComparing(AuditEntry::id);
        return entries.stream()
                .filter(e -> !e.eventDate().isBefore(from) && e.eventDate().isBefore(to))
                .filter(e -> e.serviceName().equals(serviceName))
                .filter(e -> filters.stream().allMatch(f -> f.matches(e, orgId)))
                .sorted(descending ? order.reversed() : order)
                .toList();
    }

    public int size() {
        return entries.size();
    }
}
