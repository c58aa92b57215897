package io.oauthgov.analyzer.evaluation;

import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceGap;
import java.time.Instant;
import java.util.List;

/**
 * An organization's evidence coverage as one analyzer task last received it (a JSON state-store value mirroring the
 * {@link EvidenceCoverage} record), plus the insufficiency this task last reported for the org, so it reports only
 * changes.
 *
 * @param coverage what the latest coverage record said, null when none has arrived
 * @param reported the missing-evidence lines this task last signalled for the org (empty when nothing is missing)
 */
public record OrgCoverage(Coverage coverage, List<String> reported) {
    public static final OrgCoverage NONE = new OrgCoverage(null, List.of());

    public OrgCoverage {
        reported = reported == null ? List.of() : List.copyOf(reported);
    }

    public OrgCoverage withCoverage(EvidenceCoverage record) {
        return new OrgCoverage(Coverage.of(record), reported);
    }

    public OrgCoverage withReported(List<String> lines) {
        return new OrgCoverage(coverage, lines);
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
