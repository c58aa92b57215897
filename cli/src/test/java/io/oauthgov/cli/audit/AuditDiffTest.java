package io.oauthgov.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.cli.audit.AuditDiff.Change;
import io.oauthgov.cli.audit.AuditDiff.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditDiffTest {

    private static AuditRow row(String id, String name, String severity, boolean candidate) {
        return new AuditRow("org-1", id, name, "CLIENT-CREDENTIALS", "active", "team-a", null, severity,
                severity.equals(AuditRow.NO_SEVERITY) ? List.of() : List.of("stale-unused"), candidate,
                candidate ? "stale-unused: no use for 90 days" : "in use", List.of("users:read"));
    }

    @Test
    void identicalAuditsHaveNoChanges() {
        List<AuditRow> rows = List.of(row("c1", "one", "HIGH", true), row("c2", "two", AuditRow.NO_SEVERITY, false));

        assertThat(AuditDiff.between(rows, rows)).isEmpty();
    }

    @Test
    void aNewClientIsListedAndAlsoAsANewCandidateWhenItIsOne() {
        List<Change> changes = AuditDiff.between(List.of(), List.of(row("c1", "one", "HIGH", true)));

        assertThat(changes).extracting(Change::kind).containsExactly(Kind.NEW_CLIENT, Kind.NEW_CANDIDATE);
        assertThat(changes.get(0).after()).contains("candidate");
    }

    @Test
    void aVanishedClientIsRemoved() {
        List<Change> changes = AuditDiff.between(List.of(row("c1", "one", "LOW", false)), List.of());

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.REMOVED_CLIENT);
            assertThat(c.before()).contains("severity LOW");
            assertThat(c.after()).isEmpty();
        });
    }

    @Test
    void severityRisingOrFallingIsNamedWithBothLevels() {
        List<AuditRow> before = List.of(row("c1", "one", "LOW", false), row("c2", "two", "CRITICAL", false),
                row("c3", "three", AuditRow.NO_SEVERITY, false));
        List<AuditRow> after = List.of(row("c1", "one", "HIGH", false), row("c2", "two", "MEDIUM", false),
                row("c3", "three", "INFORMATIONAL", false));

        List<Change> changes = AuditDiff.between(before, after);

        assertThat(changes).extracting(Change::kind, Change::clientId, Change::before, Change::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.SEVERITY_UP, "c1", "LOW", "HIGH"),
                org.assertj.core.groups.Tuple.tuple(Kind.SEVERITY_UP, "c3", AuditRow.NO_SEVERITY, "INFORMATIONAL"),
                org.assertj.core.groups.Tuple.tuple(Kind.SEVERITY_DOWN, "c2", "CRITICAL", "MEDIUM"));
    }

    @Test
    void candidatesThatAppearOrGoAreListedWithTheReasonBeforeAndAfter() {
        List<Change> changes = AuditDiff.between(List.of(row("c1", "one", "HIGH", true), row("c2", "two", "HIGH", false)),
                List.of(row("c1", "one", "HIGH", false), row("c2", "two", "HIGH", true)));

        assertThat(changes).extracting(Change::kind, Change::clientId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.NEW_CANDIDATE, "c2"),
                org.assertj.core.groups.Tuple.tuple(Kind.NO_LONGER_CANDIDATE, "c1"));
        assertThat(changes.get(1).before()).startsWith("stale-unused");
        assertThat(changes.get(1).after()).isEqualTo("in use");
    }

    @Test
    void renamesStateAndOwnerChangesAreListed() {
        AuditRow before = row("c1", "one", "LOW", false);
        AuditRow after = new AuditRow("org-1", "c1", "uno", "CLIENT-CREDENTIALS", "inactive", "team-b", null, "LOW",
                List.of("stale-unused"), false, "in use", List.of());

        assertThat(AuditDiff.between(List.of(before), List.of(after))).extracting(Change::kind, Change::before, Change::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.RENAMED, "one", "uno"),
                        org.assertj.core.groups.Tuple.tuple(Kind.STATE_CHANGED, "active", "inactive"),
                        org.assertj.core.groups.Tuple.tuple(Kind.OWNER_CHANGED, "team-a", "team-b"));
    }

    @Test
    void theSameClientIdInAnotherOrgIsAnotherClient() {
        AuditRow inOrg2 = new AuditRow("org-2", "c1", "one", "CODE", "active", "", null, AuditRow.NO_SEVERITY, List.of(), false,
                "in use", List.of());

        assertThat(AuditDiff.between(List.of(row("c1", "one", AuditRow.NO_SEVERITY, false)), List.of(inOrg2)))
                .extracting(Change::kind).containsExactly(Kind.NEW_CLIENT, Kind.REMOVED_CLIENT);
    }
}
