package io.oauthgov.executor.control;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest evidence of use of each client on {@code genesys.oauth.activity}, as far back as the executor read it
 * ({@link #readFrom}). Only USED_BY_CLIENT counts: a change to a client is caught by the live re-read. Usage rows
 * are per day (their time is the day's start), so one dated on the day a client was judged counts as use after it:
 * the error is towards not deactivating.
 */
public final class UseEvidence {
    private record Latest(Instant audit, Instant usageDay) {}

    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private volatile Instant readFrom = Instant.MAX;

    /** Evidence published from this instant on is read (the tail sets it when it seeks the activity topic). */
    public void readingFrom(Instant from) {
        readFrom = from;
    }

    /** Evidence published before this instant was not read: an approval judged earlier cannot be checked here. */
    public Instant readFrom() {
        return readFrom;
    }

    void add(ActivityEvidence evidence) {
        if (evidence.getRelation() != EvidenceRelation.USED_BY_CLIENT || (evidence.getSource() == EvidenceSource.USAGE && evidence.getRequests() <= 0)) {
            return;
        }
        Instant at = evidence.getEventAt();
        boolean usage = evidence.getSource() == EvidenceSource.USAGE;
        latest.merge(key(evidence.getOrgId(), evidence.getClientId()), usage ? new Latest(null, at) : new Latest(at, null),
                (a, b) -> new Latest(later(a.audit(), b.audit()), later(a.usageDay(), b.usageDay())));
    }

    /** The latest use at or after {@code since}, if any. */
    public Optional<Instant> usedSince(String orgId, String clientId, Instant since) {
        Latest l = latest.get(key(orgId, clientId));
        if (l == null) {
            return Optional.empty();
        }
        if (l.audit() != null && !l.audit().isBefore(since)) {
            return Optional.of(l.audit());
        }
        if (l.usageDay() != null && !l.usageDay().isBefore(since.truncatedTo(ChronoUnit.DAYS))) {
            return Optional.of(l.usageDay());
        }
        return Optional.empty();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static String key(String orgId, String clientId) {
        return orgId + "/" + clientId;
    }
}
