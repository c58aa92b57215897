package io.oauthgov.cli.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SafeCsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaAreShownAsText() {
        for (String formula : List.of("=HYPERLINK(\"http://evil\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                "\t=1", "\r=1")) {
            assertThat(SafeCsv.neutralise(formula)).as(formula).isEqualTo("'" + formula);
        }
    }

    @Test
    void ordinaryTextAndPlainNumbersAreLeftAsTheyAre() {
        assertThat(SafeCsv.neutralise("Payroll export")).isEqualTo("Payroll export");
        assertThat(SafeCsv.neutralise("-5")).isEqualTo("-5");
        assertThat(SafeCsv.neutralise("+3.5")).isEqualTo("+3.5");
        assertThat(SafeCsv.neutralise("a=b")).isEqualTo("a=b");
        assertThat(SafeCsv.neutralise("2026-01-01T00:00:00Z")).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(SafeCsv.neutralise("'quoted already")).isEqualTo("'quoted already");
        assertThat(SafeCsv.neutralise("")).isEmpty();
        assertThat(SafeCsv.neutralise(null)).isEmpty();
    }

    @Test
    void writesRfc4180WithEveryCellQuotedAndQuotesDoubled() {
        String csv = SafeCsv.write(List.of("name", "notes"), List.of(List.of("the \"gateway\", EMEA", "two\nlines"),
                List.of("=cmd", "")));

        assertThat(csv).isEqualTo("\"name\",\"notes\"\r\n\"the \"\"gateway\"\", EMEA\",\"two\nlines\"\r\n\"'=cmd\",\"\"\r\n");
    }
}
