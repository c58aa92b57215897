package io.oauthgov.cli.approvals;

import static io.oauthgov.cli.approvals.ApprovalRequestsTest.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.DeletionCandidate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenCandidatesTest {
    private final OpenCandidates open = new OpenCandidates(List.of(
            candidate("org-b", "c-2", "f2"), candidate("org-a", "c-1", "f1"), candidate("org-a", "shared", "f3"),
            candidate("org-b", "shared", "f4")));

    @Test
    void selectingReturnsTheNamedCandidatesInTheOrderGiven() {
        OpenCandidates.Selection selection = open.select(List.of("c-2", "c-1", "c-2"));

        assertThat(selection.complete()).isTrue();
        assertThat(selection.found()).extracting(DeletionCandidate::getFingerprint).containsExactly("f2", "f1");
    }

    @Test
    void clientIdsWithoutACandidateAreReportedAsUnknown() {
        OpenCandidates.Selection selection = open.select(List.of("c-1", "gone", "typo"));

        assertThat(selection.complete()).isFalse();
        assertThat(selection.unknown()).containsExactly("gone", "typo");
    }

    @Test
    void aClientIdProposedInTwoOrgsIsAmbiguousUntilNarrowedByOrg() {
        assertThat(open.select(List.of("shared")).ambiguous()).isEqualTo(Map.of("shared", List.of("org-a", "org-b")));
        assertThat(open.inOrg("org-b").select(List.of("shared")).found())
                .singleElement().extracting(DeletionCandidate::getFingerprint).isEqualTo("f4");
    }

    @Test
    void theTableShowsOneLinePerCandidateWithItsReasons() {
        StringWriter text = new StringWriter();
        CandidateTable.print(new PrintWriter(text, true), open.inOrg("org-a").all());

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ORG").contains("CLIENT ID", "CLIENT NAME", "ELIGIBLE SINCE", "LAST USED", "REASONS");
        assertThat(lines.get(1)).startsWith("org-a").contains("c-1", "Payroll export c-1", "2026-02-23", "2025-08-13", "stale-unused");
    }
}
