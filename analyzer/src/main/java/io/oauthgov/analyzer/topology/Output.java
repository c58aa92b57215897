package io.oauthgov.analyzer.topology;

import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RiskEvent;

/**
 * What the evaluator emits, one variant per output topic; the topology routes each variant to its topic. In-process
 * only (between the processor and the sinks), so it needs no serde.
 */
sealed interface Output {
    record Risk(RiskEvent event) implements Output {}

    /** {@code candidate} null is a tombstone: the candidate is withdrawn. */
    record Candidate(DeletionCandidate candidate) implements Output {}

    /** Re-keyed by the executor identity that will perform the delete. */
    record Approved(ApiIdentityKey identity, ApprovedDeletion deletion) implements Output {}

    /** To the org's governor (repartitioned by org): org-wide evidence, surge and blast-radius questions. */
    record Org(OrgKey key, OrgSignal signal) implements Output {}

    /** {@code key} may be null when the refused record had none. */
    record Rejected(ClientKey key, Rejection rejection) implements Output {}
}
