package io.oauthgov.analyzer.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an organization's governor remembers (a JSON state-store value): each partition's missing-evidence view, the
 * org-wide state it last reported, the size of the org, the candidates each recent collection proposed, the
 * collections held by the surge brake, and the approved deletions that passed in the last 24 h.
 */
record OrgState(
        Map<Integer, List<String>> missingByPartition,
        List<String> reportedMissing,
        List<String> reportedHeld,
        long orgClients,
        String region,
        String latestCollection,
        Map<String, Long> proposedByCollection,
        List<String> heldCollections,
        List<Instant> passed) {

    static final OrgState EMPTY = new OrgState(Map.of(), List.of(), List.of(), 0, null, null, Map.of(), List.of(), List.of());
    /** Collections whose proposal counts are kept: the surge brake compares within one collection only. */
    private static final int COLLECTIONS_KEPT = 3;

    OrgState {
        missingByPartition = missingByPartition == null ? new TreeMap<>() : new TreeMap<>(missingByPartition);
        reportedMissing = reportedMissing == null ? List.of() : List.copyOf(reportedMissing);
        reportedHeld = reportedHeld == null ? List.of() : List.copyOf(reportedHeld);
        proposedByCollection = proposedByCollection == null ? new TreeMap<>() : new TreeMap<>(proposedByCollection);
        heldCollections = heldCollections == null ? List.of() : List.copyOf(heldCollections);
        passed = passed == null ? List.of() : List.copyOf(passed);
    }

    /** The org's missing evidence: the union of every partition's view, sorted. */
    List<String> missing() {
        TreeSet<String> all = new TreeSet<>();
        missingByPartition.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    OrgState withPartition(int partition, List<String> missing) {
        Map<Integer, List<String>> next = new TreeMap<>(missingByPartition);
        if (missing.isEmpty()) {
            next.remove(partition);
        } else {
            next.put(partition, missing);
        }
        return new OrgState(next, reportedMissing, reportedHeld, orgClients, region, latestCollection, proposedByCollection,
                heldCollections, passed);
    }

    OrgState withReported(List<String> missing, List<String> held) {
        return new OrgState(missingByPartition, missing, held, orgClients, region, latestCollection, proposedByCollection,
                heldCollections, passed);
    }

    /** A new collection: it is the latest, and a later collection agreeing releases every earlier held one. */
    OrgState withCollection(String collectionId, long clients) {
        if (collectionId.equals(latestCollection)) {
            return new OrgState(missingByPartition, reportedMissing, reportedHeld, clients, region, latestCollection,
                    proposedByCollection, heldCollections, passed);
        }
        Map<String, Long> counts = new TreeMap<>(proposedByCollection);
        while (counts.size() >= COLLECTIONS_KEPT) {
            counts.remove(counts.keySet().iterator().next());
        }
        return new OrgState(missingByPartition, reportedMissing, reportedHeld, clients, region, collectionId, counts,
                List.of(), passed);
    }

    long proposedIn(String collectionId) {
        return proposedByCollection.getOrDefault(collectionId, 0L);
    }

    OrgState withProposals(String collectionId, long proposed, String newRegion) {
        Map<String, Long> counts = new TreeMap<>(proposedByCollection);
        counts.merge(collectionId, proposed, Long::sum);
        return new OrgState(missingByPartition, reportedMissing, reportedHeld, orgClients,
                newRegion == null ? region : newRegion, latestCollection, counts, heldCollections, passed);
    }

    OrgState withHeld(List<String> held) {
        return new OrgState(missingByPartition, reportedMissing, reportedHeld, orgClients, region, latestCollection,
                proposedByCollection, held, passed);
    }

    /** Approved deletions passed since {@code since}. */
    List<Instant> passedSince(Instant since) {
        return passed.stream().filter(t -> t.isAfter(since)).toList();
    }

    OrgState withPassed(Instant at, Instant since) {
        List<Instant> next = new ArrayList<>(passedSince(since));
        next.add(at);
        return new OrgState(missingByPartition, reportedMissing, reportedHeld, orgClients, region, latestCollection,
                proposedByCollection, heldCollections, next);
    }
}
