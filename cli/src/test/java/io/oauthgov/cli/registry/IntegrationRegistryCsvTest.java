package io.oauthgov.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.avro.Criticality;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntegrationRegistryCsvTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void readsRequiredAndOptionalColumnsInAnyOrder() {
        var records = IntegrationRegistryCsv.parse("""
                system,clientId,orgId,owner,protected,criticality
                payments-gateway,c-1,o-1,payments-team,true,critical
                reporting,c-2,o-1,bi-team,,
                """, "cmdb.csv", NOW);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).getProtected$()).isTrue();
        assertThat(records.get(0).getCriticality()).isEqualTo(Criticality.CRITICAL);
        assertThat(records.get(1).getProtected$()).as("protection is opt-in").isFalse();
        assertThat(records.get(1).getSource()).isEqualTo("cmdb.csv");
    }

    @Test
    void everyBadLineIsReportedWithItsNumberAndNothingIsImported() {
        assertThatThrownBy(() -> IntegrationRegistryCsv.parse("""
                orgId,clientId,owner,system,criticality,protected
                o-1,c-1,team,sys,HIGH,yes
                o-1,,team,sys,,
                o-1,c-3,team,sys,SEVERE,false
                o-1,c-4,team,sys,,
                o-1,c-4,team,sys,,
                """, "cmdb.csv", NOW))
                .isInstanceOf(IntegrationRegistryCsv.RegistryFormatException.class)
                .hasMessageContaining("cmdb.csv:2: protected must be true or false")
                .hasMessageContaining("cmdb.csv:3: orgId and clientId are required")
                .hasMessageContaining("cmdb.csv:4: criticality 'SEVERE'")
                .hasMessageContaining("cmdb.csv:6: client c-4 of org o-1 is listed twice");
    }

    @Test
    void missingRequiredColumnIsNamed() {
        assertThatThrownBy(() -> IntegrationRegistryCsv.parse("orgId,clientId,owner\no,c,t\n", "cmdb.csv", NOW))
                .hasMessageContaining("missing column(s) [system]");
    }

    @Test
    void aUtf8ByteOrderMarkAsExcelWritesItIsNotPartOfTheFirstColumnName() {
        var records = IntegrationRegistryCsv.parse("\uFEFForgId,clientId,owner,system\r\no-1,c-1,team,sys\r\n", "excel.csv", NOW);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).getOrgId()).isEqualTo("o-1");
    }

    @Test
    void quotedFieldsMayHoldCommasDoubledQuotesAndLineBreaks() {
        var records = IntegrationRegistryCsv.parse("""
                orgId,clientId,owner,system,notes
                o-1,c-1,"Payments, EMEA","the \"\"gateway\"\"","line one
                line two"
                o-1,c-2,bi-team,reporting,
                """, "cmdb.csv", NOW);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).getOwner()).isEqualTo("Payments, EMEA");
        assertThat(records.get(0).getSystem()).isEqualTo("the \"gateway\"");
        assertThat(records.get(0).getNotes()).isEqualTo("line one\nline two");
        assertThat(records.get(1).getClientId()).isEqualTo("c-2");
    }

    @Test
    void problemsAfterAFieldSpanningLinesNameTheLineTheRecordStartsOn() {
        assertThatThrownBy(() -> IntegrationRegistryCsv.parse("""
                orgId,clientId,owner,system,notes
                o-1,c-1,team,sys,"two
                lines"

                o-1,c-1,team,sys,
                """, "cmdb.csv", NOW))
                .hasMessageContaining("cmdb.csv:5: client c-1 of org o-1 is listed twice");
    }

    @Test
    void malformedQuotingIsRefusedWithAHintAndNothingIsImported() {
        assertThatThrownBy(() -> IntegrationRegistryCsv.parse("orgId,clientId,owner,system\no-1,c-1,\"unclosed,sys\n", "cmdb.csv", NOW))
                .isInstanceOf(IntegrationRegistryCsv.RegistryFormatException.class)
                .hasMessageContaining("cmdb.csv: not valid CSV").hasMessageContaining("double quotes");
    }

    @Test
    void aColumnNamedTwiceIsRefused() {
        assertThatThrownBy(() -> IntegrationRegistryCsv.parse("orgId,clientId,owner,system,owner\no,c,t,s,u\n", "cmdb.csv", NOW))
                .hasMessageContaining("column 'owner' appears twice");
    }

    @Test
    void contactColumnsAreReadAndBlankMeansNone() {
        var records = IntegrationRegistryCsv.parse("""
                orgId,clientId,owner,system,contactEmail,chatWebhook,escalationContact
                o-1,c-1,payments,gw,payments@example.com,https://hooks.example.com/T1/B2,oncall@example.com
                o-1,c-2,bi,reporting,,,
                """, "cmdb.csv", NOW);

        assertThat(records.get(0).getContactEmail()).isEqualTo("payments@example.com");
        assertThat(records.get(0).getChatWebhook()).isEqualTo("https://hooks.example.com/T1/B2");
        assertThat(records.get(0).getEscalationContact()).isEqualTo("oncall@example.com");
        assertThat(records.get(1).getContactEmail()).isNull();
        assertThat(records.get(1).getChatWebhook()).isNull();
    }

    @Test
    void aBadContactIsReportedWithItsLineAndColumnAndNothingIsImported() {
        assertThatThrownBy(() -> IntegrationRegistryCsv.parse("""
                orgId,clientId,owner,system,contactEmail,chatWebhook
                o-1,c-1,payments,gw,payments at example,
                o-1,c-2,bi,reporting,,bi@example.com
                """, "cmdb.csv", NOW))
                .isInstanceOf(IntegrationRegistryCsv.RegistryFormatException.class)
                .hasMessageContaining("cmdb.csv:2: contactEmail 'payments at example' is not an e-mail address")
                .hasMessageContaining("cmdb.csv:3: chatWebhook 'bi@example.com' is not an http(s) webhook URL");
    }
}
