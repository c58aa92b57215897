package io.oauthgov.executor.work;

import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.genesys.GenesysApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Builds outcomes. The id is approval and kind, so a record repeated by a retried transaction is recognisable. */
final class OutcomeFactory {
    private final Clock clock;

    OutcomeFactory(Clock clock) {
        this.clock = clock;
    }

    Outcome of(Subject subject, OutcomeKind kind, Instant startedAt, long calls, String detail, List<String> differingFields) {
        return builder(subject, kind, startedAt, calls).setDetail(detail).setDifferingFields(differingFields).build();
    }

    Outcome of(Subject subject, OutcomeKind kind, Instant startedAt, long calls, String detail) {
        return of(subject, kind, startedAt, calls, detail, List.of());
    }

    /**
     * FAILED with what Genesys support asks for: status, contextId, correlation id — never a body or a token. Any
     * other exception is a bug in oauthgov; it must not lose the approval either, so it fails it with its class.
     */
    Outcome failed(Subject subject, Instant startedAt, long calls, RuntimeException error) {
        if (!(error instanceof GenesysApiException e)) {
            return of(subject, OutcomeKind.FAILED, startedAt, calls, "unexpected " + error.getClass().getSimpleName() + ": " + error.getMessage());
        }
        return builder(subject, OutcomeKind.FAILED, startedAt, calls)
                .setHttpStatus(e.status() == 0 ? null : e.status())
                .setContextId(e.contextId())
                .setCorrelationId(e.correlationId())
                .setDetail(e.getMessage())
                .build();
    }

    private Outcome.Builder builder(Subject subject, OutcomeKind kind, Instant startedAt, long calls) {
        return Outcome.newBuilder()
                .setOutcomeId(subject.approvalId() + ":" + kind.name())
                .setCandidateId(subject.candidateId())
                .setApprovalId(subject.approvalId())
                .setOrgId(subject.orgId())
                .setClientId(subject.clientId())
                .setIdentityId(subject.identityId())
                .setKind(kind)
                .setAttempts((int) Math.max(1, calls))
                .setApprovedAt(subject.approvedAt())
                .setStartedAt(startedAt)
                .setFinishedAt(clock.instant());
    }
}
