package io.oauthgov.executor.work;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.QuarantineEntry;
import java.time.Instant;

/** Which approval a piece of work serves: what every outcome of it names. */
public record Subject(String candidateId, String approvalId, String orgId, String clientId, String identityId, Instant approvedAt) {

    public static Subject of(ApprovedDeletion approval) {
        return new Subject(approval.getCandidateId(), approval.getApprovalId(), approval.getOrgId(), approval.getClientId(),
                approval.getIdentityId(), approval.getApprovedAt());
    }

    public static Subject of(QuarantineEntry entry) {
        return new Subject(entry.getCandidateId(), entry.getApprovalId(), entry.getOrgId(), entry.getClientId(),
                entry.getIdentityId(), entry.getApprovedAt());
    }

    public ClientKey clientKey() {
        return new ClientKey(orgId, clientId);
    }
}
