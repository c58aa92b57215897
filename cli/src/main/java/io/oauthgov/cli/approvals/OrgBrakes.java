package io.oauthgov.cli.approvals;

import io.oauthgov.analyzer.evaluation.OrgFindings;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What holds candidates back per organization, as the analyzer last said: collections the surge brake holds (from
 * the org-wide risk event) and approvals the blast-radius limits refused in the last 24 h (from the rejections).
 * The approval command lists them under the candidates so a person sees why an approval will not pass yet.
 */
public final class OrgBrakes {
    private static final Set<RejectionReason> LIMITS = Set.of(RejectionReason.LIMIT_DAILY, RejectionReason.LIMIT_FRACTION);

    private final Map<String, List<String>> heldCollectionsByOrg;
    private final Map<String, List<String>> missingByOrg;
    private final Map<String, Map<RejectionReason, Long>> limitedByOrg;

    private OrgBrakes(Map<String, List<String>> held, Map<String, List<String>> missing, Map<String, Map<RejectionReason, Long>> limited) {
        this.heldCollectionsByOrg = held;
        this.missingByOrg = missing;
        this.limitedByOrg = limited;
    }

    public static OrgBrakes read(Topics topics, Map<String, Object> clientConfigs, Duration timeout) {
        Map<String, RiskEvent> latest = new HashMap<>();
        for (TopicLogReader.Entry<ClientKey, RiskEvent> entry : TopicLogReader.readAll(topics.risk(), clientConfigs, timeout)) {
            if (entry.key() != null && OrgWide.isOrgWide(entry.key()) && entry.value() != null) {
                latest.put(entry.key().getOrgId(), entry.value());
            }
        }
        Map<String, List<String>> held = new TreeMap<>();
        Map<String, List<String>> missing = new TreeMap<>();
        latest.forEach((org, event) -> {
            for (Finding finding : event.getFindings()) {
                if (finding.getRuleId().equals(OrgFindings.SURGE_HELD)) {
                    held.put(org, Arrays.asList(finding.getEvidence().getOrDefault(OrgFindings.HELD_COLLECTIONS, "").split(",")));
                } else if (finding.getRuleId().equals(OrgFindings.INSUFFICIENT_EVIDENCE)) {
                    missing.put(org, Arrays.asList(finding.getEvidence().getOrDefault(OrgFindings.MISSING, "").split("\n")));
                }
            }
        });
        Instant since = Instant.now().minus(Duration.ofHours(24));
        Map<String, Map<RejectionReason, Long>> limited = new TreeMap<>();
        for (TopicLogReader.Entry<ClientKey, Rejection> entry : TopicLogReader.readAll(topics.rejected(), clientConfigs, timeout)) {
            Rejection r = entry.value();
            if (r != null && LIMITS.contains(r.getReason()) && r.getRejectedAt().isAfter(since) && entry.key() != null) {
                limited.computeIfAbsent(entry.key().getOrgId(), k -> new TreeMap<>()).merge(r.getReason(), 1L, Long::sum);
            }
        }
        return new OrgBrakes(held, missing, limited);
    }

    /** Lines for the listing: one per org that has held candidates, missing evidence or limited approvals. */
    public List<String> describe(List<DeletionCandidate> open) {
        List<String> lines = new ArrayList<>();
        Map<String, List<DeletionCandidate>> byOrg = open.stream().collect(Collectors.groupingBy(DeletionCandidate::getOrgId,
                TreeMap::new, Collectors.toList()));
        heldCollectionsByOrg.forEach((org, collections) -> {
            long held = byOrg.getOrDefault(org, List.of()).stream()
                    .filter(c -> c.getCollectionId() != null && collections.contains(c.getCollectionId())).count();
            lines.add("HELD_SURGE  org " + org + ": " + held + " candidate(s) of collection(s) " + String.join(", ", collections)
                    + " are held by the surge brake; confirm with `oauthgov approve --confirm-surge " + org
                    + " --approver EMAIL --ticket REF`, or wait for the next collection");
        });
        limitedByOrg.forEach((org, counts) -> lines.add("LIMITED     org " + org + ": " + counts.entrySet().stream()
                .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", "))
                + " in the last 24 h; those candidates may be approved again once the rolling window allows"));
        missingByOrg.forEach((org, missing) -> lines.add("INSUFFICIENT_EVIDENCE  org " + org + ": " + String.join(" | ", missing)));
        return lines;
    }
}
