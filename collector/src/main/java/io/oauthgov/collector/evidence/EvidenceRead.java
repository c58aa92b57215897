package io.oauthgov.collector.evidence;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceGap;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GovernedCaller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one collection read of an organization's evidence: how much usage evidence it published, the audit evidence
 * for the run's last transaction, and the intervals it tried to read and could not. A gap never extends coverage; the analyzer and the run's report name it.
 */
public final class EvidenceRead {
    /** The platform answered 403: the identity lacks the permission to read this source. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** The asynchronous query ended Failed on the platform. */
    public static final String QUERY_FAILED = "QUERY_FAILED";
    /** The asynchronous query never completed within the collector's wait. */
    public static final String QUERY_PENDING = "QUERY_PENDING";
    /** Any other failure (network, 5xx after retries, a malformed answer). */
    public static final String API_ERROR = "API_ERROR";

    /** Usage evidence is published a batch at a time as it is read (see {@code EvidenceQueries}); only counted here. */
    private int usagePublished;
    private final List<ActivityEvidence> audit = new ArrayList<>();
    private final List<EvidenceGap> gaps = new ArrayList<>();
    private EvidenceCoverage coverage;
    private String gaveUp;

    /** Usage evidence records published by this read, in all its batches. */
    public int usagePublished() {
        return usagePublished;
    }

    public void usagePublished(int records) {
        usagePublished += records;
    }

    public List<ActivityEvidence> audit() {
        return audit;
    }

    /** The org's coverage as published after this read. */
    public EvidenceCoverage coverage() {
        return coverage;
    }

    public void covered(EvidenceCoverage published) {
        this.coverage = published;
    }

    public List<EvidenceGap> gaps() {
        return List.copyOf(gaps);
    }

    /** Records that [from, through) of {@code source} could not be read, classified from the API's answer. */
    public void gap(EvidenceSource source, Instant from, Instant through, GenesysApiException failure) {
        gaps.add(EvidenceGap.newBuilder().setSource(source).setFrom(from).setThrough(through)
                .setReason(reason(failure)).setDetail(String.valueOf(failure.getMessage())).build());
        if (gaveUp == null && GovernedCaller.GAVE_UP.equals(failure.code())) {
            gaveUp = failure.getMessage();
        }
    }

    /** Why a read gave up on the org (its identity failed without a success for the configured time); null if none did. */
    public String gaveUp() {
        return gaveUp;
    }

    /** One line for the run's report: null when every interval was read. */
    public String problem() {
        if (gaps.isEmpty()) {
            return null;
        }
        return String.join("; ", gaps.stream().map(g -> g.getSource() + " " + g.getFrom() + "/" + g.getThrough() + " "
                + g.getReason() + " (" + g.getDetail() + ")").toList());
    }

    static String reason(GenesysApiException failure) {
        if (failure.status() == 403) {
            return FORBIDDEN;
        }
        if ("query.timeout".equals(failure.code())) {
            return QUERY_PENDING;
        }
        if ("query.failed".equals(failure.code())) {
            return QUERY_FAILED;
        }
        return API_ERROR;
    }
}
