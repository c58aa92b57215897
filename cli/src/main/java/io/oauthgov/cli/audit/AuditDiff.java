package io.oauthgov.cli.audit;

import io.oauthgov.avro.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What changed between two audits of the same organizations, client by client (a client is its org and id): clients
 * that appeared or vanished, severities that rose or fell, candidates that are new or gone, and edits a reviewer
 * cares about (name, state, owner, findings). The answer to "what is different since last month's audit".
 */
public final class AuditDiff {
    /** Kinds of change, in the order a reviewer reads them. */
    public enum Kind { NEW_CLIENT, REMOVED_CLIENT, NEW_CANDIDATE, NO_LONGER_CANDIDATE, SEVERITY_UP, SEVERITY_DOWN,
        FINDINGS_CHANGED, RENAMED, STATE_CHANGED, OWNER_CHANGED }

    /** One change of one client; {@code before}/{@code after} are "" where the client did not exist. */
    public record Change(String orgId, String clientId, String clientName, Kind kind, String before, String after) {
        public static final List<String> CSV_HEADER = List.of("org_id", "client_id", "client_name", "change", "before", "after");

        public List<String> csvCells() {
            return List.of(orgId, clientId, clientName, kind.name(), before, after);
        }
    }

    private AuditDiff() {}

    /** The changes from {@code previous} to {@code current}, ordered by kind, org and client name. */
    public static List<Change> between(List<AuditRow> previous, List<AuditRow> current) {
        Map<String, AuditRow> before = byKey(previous);
        Map<String, AuditRow> after = byKey(current);
        List<Change> changes = new ArrayList<>();
        after.forEach((key, now) -> {
            AuditRow was = before.get(key);
            if (was == null) {
                changes.add(change(now, Kind.NEW_CLIENT, "", describe(now)));
                if (now.candidate()) {
                    changes.add(change(now, Kind.NEW_CANDIDATE, "", now.reason()));
                }
            } else {
                compare(was, now, changes);
            }
        });
        before.forEach((key, was) -> {
            if (!after.containsKey(key)) {
                changes.add(change(was, Kind.REMOVED_CLIENT, describe(was), ""));
            }
        });
        changes.sort(Comparator.comparing(Change::kind).thenComparing(Change::orgId).thenComparing(Change::clientName)
                .thenComparing(Change::clientId));
        return List.copyOf(changes);
    }

    /** How many changes of each kind, for the summary line. */
    public static Map<Kind, Long> counts(List<Change> changes) {
        Map<Kind, Long> counts = new TreeMap<>();
        changes.forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
        return counts;
    }

    private static void compare(AuditRow was, AuditRow now, List<Change> changes) {
        if (!was.candidate() && now.candidate()) {
            changes.add(change(now, Kind.NEW_CANDIDATE, was.reason(), now.reason()));
        } else if (was.candidate() && !now.candidate()) {
            changes.add(change(now, Kind.NO_LONGER_CANDIDATE, was.reason(), now.reason()));
        }
        int rise = Integer.compare(rank(now.severity()), rank(was.severity()));
        if (rise != 0) {
            changes.add(change(now, rise > 0 ? Kind.SEVERITY_UP : Kind.SEVERITY_DOWN, was.severity(), now.severity()));
        } else if (!was.findings().equals(now.findings())) {
            changes.add(change(now, Kind.FINDINGS_CHANGED, String.join(" ", was.findings()), String.join(" ", now.findings())));
        }
        field(was, now, AuditRow::clientName, Kind.RENAMED, changes);
        field(was, now, AuditRow::state, Kind.STATE_CHANGED, changes);
        field(was, now, AuditRow::owner, Kind.OWNER_CHANGED, changes);
    }

    private static void field(AuditRow was, AuditRow now, Function<AuditRow, String> value, Kind kind, List<Change> changes) {
        if (!Objects.equals(value.apply(was), value.apply(now))) {
            changes.add(change(now, kind, value.apply(was), value.apply(now)));
        }
    }

    /** Severities in rising order; none (no finding) and anything unknown below INFORMATIONAL. */
    private static int rank(String severity) {
        for (Severity s : Severity.values()) {
            if (s.name().equals(severity)) {
                return s.ordinal();
            }
        }
        return -1;
    }

    private static String describe(AuditRow row) {
        return row.state() + " " + row.grantType() + ", severity " + row.severity() + (row.candidate() ? ", candidate" : "");
    }

    private static Change change(AuditRow row, Kind kind, String before, String after) {
        return new Change(row.orgId(), row.clientId(), row.clientName(), kind, before, after);
    }

    private static Map<String, AuditRow> byKey(List<AuditRow> rows) {
        Map<String, AuditRow> map = new LinkedHashMap<>();
        rows.forEach(r -> map.put(r.key(), r));
        return map;
    }
}
