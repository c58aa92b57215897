package io.oauthgov.cli.replay;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Severity;
import io.oauthgov.cli.replay.PolicyBacktest.ClientResult;
import io.oauthgov.cli.replay.PolicyBacktest.Result;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The difference between a baseline policy and a new one on the same history: deletion candidates only one of them
 * flags, and clients whose risk severity changes (a risk-only rule or a severity setting can change that without
 * touching candidates).
 */
public record PolicyComparison(Result baseline, Result proposed, List<ClientResult> onlyProposed,
                               List<ClientResult> onlyBaseline, List<SeverityChange> severityChanges) {

    /** {@code before}/{@code after} are null when no rule holds for the client under that policy. */
    public record SeverityChange(ClientKey key, String clientName, Severity before, Severity after) {
        /** Escalations first: the change a reviewer must look at. */
        int rank() {
            return (after == null ? -1 : after.ordinal()) - (before == null ? -1 : before.ordinal());
        }
    }

    public static PolicyComparison of(Result baseline, Result proposed) {
        Map<ClientKey, ClientResult> before = byKey(baseline);
        Map<ClientKey, ClientResult> after = byKey(proposed);
        List<ClientResult> onlyProposed = proposed.candidates().stream()
                .filter(c -> !isCandidate(before.get(c.key()))).toList();
        List<ClientResult> onlyBaseline = baseline.candidates().stream()
                .filter(c -> !isCandidate(after.get(c.key()))).toList();
        List<SeverityChange> changes = proposed.clients().stream()
                .filter(c -> before.containsKey(c.key()))
                .filter(c -> !Objects.equals(before.get(c.key()).severity(), c.severity()))
                .map(c -> new SeverityChange(c.key(), c.clientName(), before.get(c.key()).severity(), c.severity()))
                .sorted(Comparator.comparingInt(SeverityChange::rank).reversed())
                .toList();
        return new PolicyComparison(baseline, proposed, onlyProposed, onlyBaseline, changes);
    }

    private static Map<ClientKey, ClientResult> byKey(Result result) {
        return result.clients().stream().collect(Collectors.toMap(ClientResult::key, Function.identity()));
    }

    private static boolean isCandidate(ClientResult result) {
        return result != null && result.verdict().candidate();
    }
}
