package io.oauthgov.analyzer.evaluation;

import io.oauthgov.analyzer.policy.EvidenceRequirements;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.OAuthClientSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a client may be judged: absence of evidence is not evidence of absence. A pure function of the
 * client's snapshot, its org's coverage, whether the org's registry was imported, the policy and the time.
 *
 * <p>The missing-evidence lines are the same for every client of an org and contain no "now" (only the coverage's
 * own instants and the policy's numbers), so the org-wide event built from them changes only when the facts do.
 */
public final class EvidenceSufficiency {
    private final Policy policy;
    private final EvidenceRequirements needs;

    public EvidenceSufficiency(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.needs = policy.evidence();
    }

    /**
     * @param known the org's coverage as this task holds it, null when nothing has arrived
     */
    public EvidenceStatus of(OAuthClientSnapshot client, OrgCoverage known, boolean registryImported, Instant now) {
        OrgCoverage.Coverage coverage = known == null ? null : known.coverage();
        Instant seen = known == null ? null : known.awaitingSince(client.getSnapshotId());
        // The evidence's wait starts when this analyzer first held the snapshot without it, not when it was observed.
        Instant waitUntil = (seen != null ? seen : now).plus(needs.pendingEvidence());
        String org = client.getOrgId();
        List<String> missing = new ArrayList<>();
        if (!registryImported) {
            missing.add("REGISTRY_NOT_IMPORTED: org " + org + " has no integration registry import, so no client is known"
                    + " to be protected or owned; run `oauthgov registry import --org " + org + " FILE.csv`"
                    + " (or `oauthgov registry declare-empty --org " + org + "` if it truly has none)");
        }
        if (coverage == null) {
            if (now.isBefore(waitUntil)) {
                return new EvidenceStatus(EvidenceStatus.State.WAIT, registryImported, missing, null);
            }
            missing.add("NO_COVERAGE: no evidence of use has ever been collected for org " + org
                    + "; run `oauthgov collect --once`");
            return new EvidenceStatus(EvidenceStatus.State.INSUFFICIENT, registryImported, missing, null);
        }
        if (!client.getSnapshotId().equals(coverage.snapshotId())) {
            boolean olderThanCoverage = coverage.snapshotObservedAt() != null
                    && client.getObservedAt().isBefore(coverage.snapshotObservedAt());
            if (olderThanCoverage || now.isBefore(waitUntil)) {
                // Either the newer snapshot's record is in flight, or this snapshot's evidence still is.
                return new EvidenceStatus(EvidenceStatus.State.WAIT, registryImported, missing, coverage.collectionId());
            }
            missing.add("EVIDENCE_PENDING: the evidence of the collection that observed snapshot " + client.getSnapshotId()
                    + " of org " + org + " at " + client.getObservedAt() + " never arrived (the collector stopped"
                    + " mid-run?); run `oauthgov collect --once`");
            return new EvidenceStatus(EvidenceStatus.State.INSUFFICIENT, registryImported, missing, coverage.collectionId());
        }
        source(missing, org, "USAGE", coverage.usageFrom(), coverage.usageThrough(), needs.maxUsageLag(), coverage, now);
        if (needs.requireAudit()) {
            source(missing, org, "AUDIT", coverage.auditFrom(), coverage.auditThrough(), needs.maxAuditLag(), coverage, now);
        }
        EvidenceStatus.State state = missing.isEmpty() ? EvidenceStatus.State.JUDGE : EvidenceStatus.State.INSUFFICIENT;
        return new EvidenceStatus(state, registryImported, missing, coverage.collectionId());
    }

    private void source(List<String> missing, String org, String source, Instant from, Instant through, Duration maxLag,
                        OrgCoverage.Coverage coverage, Instant now) {
        long windowDays = policy.staleWindow().toDays();
        String why = coverage.gaps().stream().filter(g -> g.source().equals(source))
                .map(g -> g.reason() + " for " + g.from() + "/" + g.through() + hint(g.reason())).distinct()
                .reduce((a, b) -> a + "; " + b).map(s -> " (last collection: " + s + ")").orElse("");
        if (from == null || through == null) {
            missing.add(source + "_NOT_COVERED: no " + source.toLowerCase() + " evidence of org " + org + " has been read"
                    + why + "; run `oauthgov collect --once`");
            return;
        }
        if (from.isAfter(now.minus(policy.staleWindow()))) {
            missing.add(source + "_WINDOW_SHORT: " + source.toLowerCase() + " evidence of org " + org + " is covered only from "
                    + from + ", less than the " + windowDays + "-day stale window; run `oauthgov collect --once"
                    + " --backfill-days " + windowDays + "`");
        }
        if (through.isBefore(now.minus(maxLag))) {
            missing.add(source + "_BEHIND: " + source.toLowerCase() + " evidence of org " + org + " is covered only up to "
                    + through + ", more than " + maxLag.toHours() + " h behind" + why + "; run `oauthgov collect --once`");
        }
    }

    private static String hint(String reason) {
        return switch (reason) {
            case "FORBIDDEN" -> ": grant the collector's identity the permission to read it";
            case "QUERY_PENDING" -> ": the platform never finished the query";
            default -> "";
        };
    }
}
