package io.oauthgov.analyzer.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * What evidence a client must have before it may be judged unused: absence of evidence is not evidence of absence.
 * Usage coverage must reach back over the whole stale window and forward to within {@code maxUsageLag} of now
 * (the usage API is about a day behind and the collector reads whole UTC days); audit coverage, which carries token
 * grants, must reach to within {@code maxAuditLag} when {@code requireAudit}. A snapshot whose collection's
 * evidence has not arrived after {@code pendingEvidence} counts as lacking evidence.
 */
public record EvidenceRequirements(Duration maxUsageLag, Duration maxAuditLag, boolean requireAudit, Duration pendingEvidence) {
    public static final EvidenceRequirements DEFAULT =
            new EvidenceRequirements(Duration.ofHours(48), Duration.ofHours(24), true, Duration.ofMinutes(60));

    public EvidenceRequirements {
        Objects.requireNonNull(maxUsageLag, "maxUsageLag");
        Objects.requireNonNull(maxAuditLag, "maxAuditLag");
        Objects.requireNonNull(pendingEvidence, "pendingEvidence");
    }
}
