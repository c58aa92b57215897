package io.oauthgov.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.cli.registry.IntegrationRegistryCsv;
import io.oauthgov.simulator.generator.IntegrationRegistry;
import io.oauthgov.simulator.generator.RegistryEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedRegistryCsvTest {

    @Test
    void theExportReadsBackAsTheSameRecordsWithFormulaLookingCellsNeutralised() {
        IntegrationRegistry registry = new IntegrationRegistry(List.of(
                new RegistryEntry("o-1", "c-1", "Payments, EMEA", "team \"pay\"", "gateway", "CRITICAL", true),
                new RegistryEntry("o-1", "c-2", "Reports", "=HYPERLINK(\"http://x\")", "bi", "LOW", false)));

        String csv = SimulatedRegistryCsv.render(registry);
        List<IntegrationRecord> records = IntegrationRegistryCsv.parse(csv, SimulatedRegistryCsv.FILE, Instant.EPOCH);

        assertThat(csv).startsWith("\"orgId\",\"clientId\",\"clientName\",\"owner\",\"system\",\"criticality\",\"protected\","
                + "\"contactEmail\",\"chatWebhook\"\r\n");
        assertThat(records).extracting(IntegrationRecord::getClientId).containsExactly("c-1", "c-2");
        assertThat(records.get(0).getOwner()).isEqualTo("team \"pay\"");
        assertThat(records.get(0).getProtected$()).isTrue();
        assertThat(records.get(1).getOwner()).as("a spreadsheet opening registry.csv shows text, never runs it")
                .isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(records.get(0).getContactEmail()).as("every simulated owner has a mailbox").isEqualTo("team-pay@example.test");
    }

    @Test
    void ownersAToMAlsoGetAChatWebhookWhenTheDemoRunsAReceiver() {
        IntegrationRegistry registry = new IntegrationRegistry(List.of(
                new RegistryEntry("o-1", "c-1", "Gateway", "Billing Ops", "gw", "LOW", false),
                new RegistryEntry("o-1", "c-2", "Reports", "Sales Analytics", "bi", "LOW", false)));

        List<IntegrationRecord> records = IntegrationRegistryCsv.parse(SimulatedRegistryCsv.render(registry,
                java.util.Optional.of(java.net.URI.create("http://127.0.0.1:9/hooks/"))), SimulatedRegistryCsv.FILE, Instant.EPOCH);

        assertThat(records.get(0).getChatWebhook()).isEqualTo("http://127.0.0.1:9/hooks/billing-ops");
        assertThat(records.get(1).getChatWebhook()).isNull();
    }
}
