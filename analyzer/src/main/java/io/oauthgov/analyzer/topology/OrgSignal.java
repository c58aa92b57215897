package io.oauthgov.analyzer.topology;

import io.oauthgov.schemas.rejection.RejectionFactory;
import java.time.Instant;
import java.util.List;

/**
 * What a per-client task tells its organization's governor, through the repartition topic keyed by org: the org-wide
 * questions (is its evidence sufficient, how many candidates did one collection propose, may one more approved
 * deletion pass today) need every partition's view, and only one processor per org may answer them.
 *
 * @param partition the reporting task's partition (STATUS: each partition's view is kept apart and unioned)
 * @param missing STATUS: the missing-evidence lines of the task's clients of the org (empty: nothing missing)
 * @param collectionId COLLECTION: the collection whose coverage arrived; PROPOSED/APPROVED: the one the candidate
 *                     stood on; CONFIRM_SURGE: the collection confirmed, or "*" for every held one
 * @param orgClients COLLECTION: clients in the org's latest verified snapshot
 * @param proposed PROPOSED: how many candidates the task proposed in the collection since its last commit (absent,
 *                 so 0, in a signal of an analyzer before counts, which sent one per candidate: read as 1)
 * @param deletion APPROVED: the approved deletion, Avro binary ({@link AvroBytes})
 * @param sourceTopic where the approval came from, for a rejection's provenance
 */
record OrgSignal(
        Kind kind,
        String orgId,
        int partition,
        List<String> missing,
        String collectionId,
        long orgClients,
        long proposed,
        String region,
        String clientId,
        String candidateId,
        String approvalId,
        String approver,
        String identityId,
        byte[] deletion,
        String sourceTopic,
        Integer sourcePartition,
        Long sourceOffset,
        Instant at) {

    enum Kind { STATUS, COLLECTION, PROPOSED, APPROVED, CONFIRM_SURGE }

    static OrgSignal status(String orgId, int partition, List<String> missing, Instant at) {
        return new OrgSignal(Kind.STATUS, orgId, partition, missing, null, 0, 0, null, null, null, null, null, null, null,
                null, null, null, at);
    }

    static OrgSignal collection(String orgId, int partition, String collectionId, long orgClients, Instant at) {
        return new OrgSignal(Kind.COLLECTION, orgId, partition, List.of(), collectionId, orgClients, 0, null, null, null,
                null, null, null, null, null, null, null, at);
    }

    static OrgSignal proposed(String orgId, int partition, String region, String collectionId, long proposed, Instant at) {
        return new OrgSignal(Kind.PROPOSED, orgId, partition, List.of(), collectionId, 0, proposed, region, null, null,
                null, null, null, null, null, null, null, at);
    }

    /** PROPOSED: the candidates this signal counts. */
    long proposals() {
        return proposed > 0 ? proposed : 1;
    }

    static OrgSignal approved(String orgId, int partition, String clientId, String candidateId, String collectionId,
                              String approvalId, String identityId, byte[] deletion, RejectionFactory.Source source,
                              Instant at) {
        return new OrgSignal(Kind.APPROVED, orgId, partition, List.of(), collectionId, 0, 0, null, clientId, candidateId,
                approvalId, null, identityId, deletion, source.topic(), source.partition(), source.offset(), at);
    }

    static OrgSignal confirmSurge(String orgId, int partition, String collectionId, String approvalId, String approver,
                                  Instant at) {
        return new OrgSignal(Kind.CONFIRM_SURGE, orgId, partition, List.of(), collectionId, 0, 0, null, null, null,
                approvalId, approver, null, null, null, null, null, at);
    }
}
