package io.oauthgov.analyzer.evaluation;

import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceGap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An organization's evidence coverage as one analyzer task last received it (a JSON state-store value mirroring the
 * {@link EvidenceCoverage} record), plus the insufficiency this task last reported for the org, so it reports only
 * changes.
 *
 * @param coverage what the latest coverage record said, null when none has arrived
 * @param reported the missing-evidence lines this task last signalled for the org (empty when nothing is missing)
 * @param awaiting snapshots this task holds client records of but no coverage for yet, with when it first saw
 *                 each: their evidence's wait is measured from then, so an analyzer catching up on a backlog does
 *                 not call old snapshots' evidence missing before it has read the partitions it is on
 */
public record OrgCoverage(Coverage coverage, List<String> reported, Map<String, Instant> awaiting) {
    public static final OrgCoverage NONE = new OrgCoverage(null, List.of(), Map.of());
    /** Snapshots remembered while awaiting their coverage; older ones are long past any wait. */
    private static final int AWAITING_KEPT = 8;

    public OrgCoverage {
        reported = reported == null ? List.of() : List.copyOf(reported);
        awaiting = awaiting == null ? new TreeMap<>() : new TreeMap<>(awaiting);
    }

    /**
     * The coverage of a collection: the snapshot it covers is no longer awaited. An org never verified yet has no
     * snapshot id in its coverage (its first listings drifted or failed): nothing stops being awaited then.
     */
    public OrgCoverage withCoverage(EvidenceCoverage record) {
        Map<String, Instant> stillAwaiting = new TreeMap<>(awaiting);
        if (record.getSnapshotId() != null) {
            stillAwaiting.remove(record.getSnapshotId()); // a TreeMap refuses a null key: this crashed the analyzer
        }
        return new OrgCoverage(Coverage.of(record), reported, stillAwaiting);
    }

    public OrgCoverage withReported(List<String> lines) {
        return new OrgCoverage(coverage, lines, awaiting);
    }

    /** Remembers when this task first saw a client record of {@code snapshotId} without its coverage. */
    public OrgCoverage awaiting(String snapshotId, Instant firstSeen) {
        if (awaiting.containsKey(snapshotId)) {
            return this;
        }
        Map<String, Instant> next = new TreeMap<>(awaiting);
        next.put(snapshotId, firstSeen);
        while (next.size() > AWAITING_KEPT) {
            next.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).ifPresent(next::remove);
        }
        return new OrgCoverage(coverage, reported, next);
    }

    /** When this task first saw {@code snapshotId} awaiting coverage; null when it never did. */
    public Instant awaitingSince(String snapshotId) {
        return awaiting.get(snapshotId);
    }

    /** One gap the collector reported: an interval of a source it tried and failed to read. */
    public record Gap(String source, Instant from, Instant through, String reason) {}

    public record Coverage(
            String collectionId,
            String snapshotId,
            Instant snapshotObservedAt,
            long orgClients,
            Instant usageFrom,
            Instant usageThrough,
            Instant auditFrom,
            Instant auditThrough,
            List<Gap> gaps) {

        public Coverage {
            gaps = gaps == null ? List.of() : List.copyOf(gaps);
        }

        static Coverage of(EvidenceCoverage c) {
            return new Coverage(c.getCollectionId(), c.getSnapshotId(), c.getSnapshotObservedAt(), c.getOrgClients(),
                    c.getUsageFrom(), c.getUsageThrough(), c.getAuditFrom(), c.getAuditThrough(),
                    c.getGaps().stream().map(Coverage::gap).toList());
        }

        private static Gap gap(EvidenceGap g) {
            return new Gap(g.getSource().name(), g.getFrom(), g.getThrough(), g.getReason());
        }
    }
}
