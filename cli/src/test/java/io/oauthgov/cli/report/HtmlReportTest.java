package io.oauthgov.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void aClientNameThatIsMarkupIsShownAsTextAndNeverBecomesAnElement() {
        String html = HtmlReport.render(SampleReport.withExecutor());

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(count(html, "<script")).as("only the report's own script").isEqualTo(1);
    }

    @Test
    void aClientNameThatLooksLikeASpreadsheetFormulaIsShownAsText() {
        ObjectNode report = SampleReport.withExecutor();
        ((ObjectNode) report.withArray("candidates").get(0)).put("clientName", "=HYPERLINK(\"http://evil.example\",\"open\")");

        String html = HtmlReport.render(report);

        assertThat(html).contains("<div class=\"client-name\">&#39;=HYPERLINK(").doesNotContain("<div class=\"client-name\">=HYPERLINK(");
    }

    @Test
    void anOrgTheCollectorGaveUpOnSaysSoWithTheErrorOnHover() {
        ObjectNode report = SampleReport.withExecutor();
        ((ObjectNode) report.withArray("collection").get(0)).put("verified", false)
                .put("gaveUp", "Gave up on org-1/c-1: its calls failed for 300 s without a success (the limit is 300 s)");

        String html = HtmlReport.render(report);

        assertThat(html).contains("<small class=\"bad-text gave-up\" title=\"Gave up on org-1/c-1: its calls failed for 300 s")
                .contains("gave up: Genesys Cloud kept failing");
        assertThat(HtmlReport.render(SampleReport.withExecutor())).doesNotContain("gave-up");
    }

    @Test
    void theContentSecurityPolicyAllowsOnlyThePagesOwnScriptAndNothingExternal() throws Exception {
        String html = HtmlReport.render(SampleReport.withExecutor());
        String script = html.substring(html.indexOf("<script>") + "<script>".length(), html.indexOf("</script>"));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));

        assertThat(html).contains("default-src 'none'").contains("script-src 'sha256-" + hash + "'");
        assertThat(html).doesNotContain("<link").doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("@import");
    }

    @Test
    void whatToFixFirstShowsEachClientsRolesDivisionsUsedDomainsAndFindingsSortedByScore() {
        ObjectNode report = SampleReport.withExecutor();
        var clients = report.putArray("fixFirst");
        clients.addObject().put("clientId", "c-root").put("clientName", "Forgotten export").put("severity", "CRITICAL")
                .put("score", 95).put("candidate", true).put("roles", "Master Admin @ all divisions")
                .putArray("usedDomains");
        var readOnly = clients.addObject().put("clientId", "c-ro").put("clientName", SampleReport.MALICIOUS_NAME)
                .put("severity", "MEDIUM").put("score", 55).put("candidate", false).put("roles", "Master Admin @ Home");
        readOnly.putArray("usedDomains").add("analytics");
        readOnly.putArray("findings").addObject().put("ruleId", "unused-write-permission")
                .put("reason", "Holds write permissions but its 300 requests in the window only read (GET=300)");

        String html = HtmlReport.render(report);

        String section = html.substring(html.indexOf("<section class=\"panel\" id=\"fix-first-section\">"),
                html.indexOf("id=\"candidates-section\""));
        assertThat(section).contains("<h2>What to fix first</h2>")
                .contains("<table id=\"fix-first\" class=\"sortable\" data-initial-sort=\"0\" data-initial-dir=\"desc\">")
                .contains("Master Admin @ all divisions").contains("<td>analytics</td>")
                .contains("<code class=\"rule\">unused-write-permission</code>").contains("GET=300")
                .doesNotContain("<script>alert");
        assertThat(section.indexOf("c-root")).as("rows in score order").isLessThan(section.indexOf("c-ro\""));
        assertThat(html.indexOf("fix-first-section")).as("before the candidates").isLessThan(html.indexOf("candidates-section"));
    }

    @Test
    void aReportFromBeforePrivilegeWasJudgedHasNoFixFirstSection() {
        assertThat(HtmlReport.render(SampleReport.withExecutor())).doesNotContain("fix-first-section");
    }

    @Test
    void executorSectionsAreRenderedWhenTheReportHasThem() {
        String html = HtmlReport.render(SampleReport.withExecutor());

        assertThat(html).contains("<table id=\"outcomes\"").contains("<svg class=\"timeline\"").contains("<table id=\"rate-budget\"")
                .contains("class=\"budget\"").contains("rate budget 60 calls/min") // the executor identity's, not the collector's
                .doesNotContain("data-not-run");
        assertThat(count(html, "<tr data-kind=")).isEqualTo(12);
        assertThat(html).containsPattern("data-card=\"approvals\">.*?12 <small>/ 14</small>");
    }

    @Test
    void executorSectionsSayNotRunWhenTheReportLacksThem() {
        String html = HtmlReport.render(SampleReport.withoutExecutor());

        assertThat(html).doesNotContain("<table id=\"outcomes\"").doesNotContain("<svg").doesNotContain("<table id=\"rate-budget\"")
                .contains("data-card=\"approvals\" data-not-run=\"true\"").contains("data-card=\"outcomes\" data-not-run=\"true\"")
                .contains("Not run — The executor did not run");
        assertThat(html).contains("<table id=\"candidates\""); // the analyzer's part is unaffected
    }

    @Test
    void severityCellsCarryTheirRankSoSortingFollowsSeverityNotTheAlphabet() {
        ObjectNode report = SampleReport.withExecutor();
        ((ObjectNode) report.withArray("candidates").get(0)).remove("severity");

        String html = HtmlReport.render(report);

        assertThat(html).contains("<table id=\"candidates\" class=\"sortable\" data-initial-sort=\"0\" data-initial-dir=\"desc\">")
                .contains("<th data-type=\"rank\">Severity</th>");
        Matcher cells = Pattern.compile("data-rank=\"(\\d)\"><span class=\"sev sev-[a-z]+\">([A-Z/a-z]+)</span>").matcher(html);
        List<String> seen = new ArrayList<>();
        while (cells.find()) {
            seen.add(cells.group(2) + "=" + cells.group(1));
        }
        assertThat(seen).hasSize(12).contains("CRITICAL=5", "HIGH=4", "MEDIUM=3", "LOW=2", "INFO=1", "n/a=0");
        assertThat(seen).doesNotContain("INFORMATIONAL=1"); // the Avro name is shown as INFO, same rank
    }

    @Test
    void withoutAnySeverityTheCandidatesLeadWithTheLongestEligibleAndShowNoSeverityColumn() {
        ObjectNode report = SampleReport.withExecutor();
        report.withArray("candidates").forEach(c -> ((ObjectNode) c).remove("severity"));

        String html = HtmlReport.render(report);

        assertThat(html).contains("<table id=\"candidates\" class=\"sortable\" data-initial-sort=\"3\" data-initial-dir=\"asc\">")
                .doesNotContain(">Severity</th>").doesNotContain("data-rank=");
    }

    @Test
    void aReportWithoutCandidatesOrCollectionSaysSoInsteadOfFailing() {
        ObjectNode report = SampleReport.withoutExecutor();
        report.remove(List.of("candidates", "collection", "riskBySeverity", "groundTruth", "verdicts", "phaseSeconds"));

        String html = HtmlReport.render(report);

        assertThat(html).contains("data-card=\"candidates\" data-not-run=\"true\"").contains("Not run — The analyzer did not run")
                .contains("Not run — The collector did not run");
    }

    @Test
    void niceCeilingsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(List.of(1L, 3L, 7L, 12L, 48L, 51L, 999L, 1000L)).map(TimelineChart::niceCeiling)
                .containsExactly(1L, 5L, 10L, 20L, 50L, 100L, 1000L, 1000L);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
