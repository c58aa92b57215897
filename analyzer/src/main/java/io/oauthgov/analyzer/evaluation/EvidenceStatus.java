package io.oauthgov.analyzer.evaluation;

import java.util.List;

/**
 * Whether a client may be judged on its evidence now. {@link State#WAIT}: the evidence of the client's latest
 * collection is still on its way (its snapshot and its coverage arrive on different partitions), so the previous
 * verdict stands and nothing is emitted. {@link State#INSUFFICIENT}: the evidence read does not cover what the
 * policy needs, so no use-based finding is raised and no candidate proposed; {@code missing} says what is missing
 * and which command fills it. {@code registryKnown} false: the org's integration registry was never imported, so
 * an absent entry proves nothing about ownership or protection.
 *
 * @param collectionId the collection whose coverage the verdict stands on (null when none)
 */
public record EvidenceStatus(State state, boolean registryKnown, List<String> missing, String collectionId) {
    public enum State { JUDGE, WAIT, INSUFFICIENT }

    /** For evaluations outside the pipeline (replays, benchmarks) that supply complete evidence themselves. */
    public static final EvidenceStatus COMPLETE = new EvidenceStatus(State.JUDGE, true, List.of(), null);

    public EvidenceStatus {
        missing = List.copyOf(missing);
    }

    public boolean sufficient() {
        return state == State.JUDGE;
    }
}
