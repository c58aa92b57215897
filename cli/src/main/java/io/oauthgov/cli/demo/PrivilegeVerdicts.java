package io.oauthgov.cli.demo;

import io.oauthgov.avro.Finding;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.Severity;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.generator.OrgTruth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The analyzer's privilege findings against the ground truth: every {@code PRIVILEGED_STALE} client must be CRITICAL
 * (it is a candidate too, which {@link DemoRun.Verdicts} checks), every {@code OVERPRIVILEGED_ACTIVE} client must
 * raise {@code admin-role} or {@code unused-write-permission}, and no client holding only read-only roles may be
 * flagged as privileged.
 */
record PrivilegeVerdicts(Set<String> privilegedStaleNotCritical, Set<String> overprivilegedUnflagged,
                         Set<String> readOnlyFlagged) {
    /** The rules that say "this client can do too much". */
    static final Set<String> PRIVILEGE_RULES = Set.of("admin-role", "identity-admin", "all-divisions", "unused-write-permission");

    /** @param latestRisk each client's latest analyzer risk event, by client id */
    static PrivilegeVerdicts compare(List<OrgTruth> truth, Map<String, RiskEvent> latestRisk) {
        List<ClientTruth> clients = truth.stream().flatMap(o -> o.clients().stream()).toList();
        Set<String> notCritical = ids(clients, c -> c.category() == Category.PRIVILEGED_STALE
                && !(latestRisk.containsKey(c.id()) && latestRisk.get(c.id()).getSeverity() == Severity.CRITICAL));
        Set<String> unflagged = ids(clients, c -> c.category() == Category.OVERPRIVILEGED_ACTIVE
                && !rules(latestRisk.get(c.id())).stream().anyMatch(r -> r.equals("admin-role") || r.equals("unused-write-permission")));
        Set<String> readOnly = ids(clients, c -> c.flags().contains("READ_ONLY_ROLES")
                && rules(latestRisk.get(c.id())).stream().anyMatch(PRIVILEGE_RULES::contains));
        return new PrivilegeVerdicts(notCritical, unflagged, readOnly);
    }

    boolean agree() {
        return privilegedStaleNotCritical.isEmpty() && overprivilegedUnflagged.isEmpty() && readOnlyFlagged.isEmpty();
    }

    private static Set<String> ids(List<ClientTruth> clients, java.util.function.Predicate<ClientTruth> wrong) {
        return clients.stream().filter(wrong).map(ClientTruth::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> rules(RiskEvent event) {
        return event == null ? Set.of() : event.getFindings().stream().map(Finding::getRuleId).collect(Collectors.toSet());
    }
}
