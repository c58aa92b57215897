package io.oauthgov.analyzer.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidates a task proposed since it last told the org governors, counted per org and collection: what lets
 * the first judgement of a collection send one {@code PROPOSED} signal per org and commit instead of one per
 * candidate (the bench's clients pass proposed about 70,000, each a repartition record, a JSON decode and an org
 * state read-modify-write in the governor).
 *
 * <p>The governor sees nothing later than before. The org-signal topic is read {@code read_committed}, so a signal
 * sent mid-transaction was invisible to the governor until the task committed anyway; the evaluator sends these
 * counts before every commit (the same pre-commit hook as {@link PendingEvidence}) and before any other signal it
 * sends, so per org the governor reads proposals and approvals in the order the task produced them. The counts die
 * with a transaction that aborts, and its input is read again, re-proposing the same candidates.
 */
final class PendingProposals {
    /** @param collectionId null when the candidate stood on no collection (the governor counts it but holds nothing) */
    private record Collection(String orgId, String collectionId) {}

    private static final class Count {
        long proposed;
        String region;
    }

    private final Map<Collection, Count> byCollection = new LinkedHashMap<>();

    /** One more candidate proposed in the org's collection; a null region leaves the last one known. */
    void add(String orgId, String collectionId, String region) {
        Count count = byCollection.computeIfAbsent(new Collection(orgId, collectionId), k -> new Count());
        count.proposed++;
        if (region != null) {
            count.region = region;
        }
    }

    boolean isEmpty() {
        return byCollection.isEmpty();
    }

    /** Empties the counts and returns one signal per org and collection, in the order each was first proposed. */
    List<OrgSignal> drain(int partition, Instant at) {
        List<OrgSignal> signals = new ArrayList<>(byCollection.size());
        byCollection.forEach((c, count) -> signals.add(OrgSignal.proposed(c.orgId(), partition, count.region,
                c.collectionId(), count.proposed, at)));
        byCollection.clear();
        return signals;
    }

    /** The transaction these counts belong to was discarded: its input is read again. */
    void clear() {
        byCollection.clear();
    }
}
