package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.IntegrationRecordType;

import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.schemas.topics.TopicTableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandIT {
    private static EmbeddedEnvironment environment;

    @BeforeAll
    static void start() {
        environment = EmbeddedEnvironment.start();
    }

    @AfterAll
    static void stop() {
        environment.close();
    }

    private CliRun importFile(Path file, String... extra) {
        String[] args = new String[] {"registry", "import", file.toString(), "--bootstrap-servers", environment.bootstrapServers(),
                "--schema-registry-url", environment.schemaRegistryUrl()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliRun.of(all);
    }

    @Test
    void importShowsTheDiffPublishesChangesAndCallsOutARemovedProtection(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("v1.csv"), """
                orgId,clientId,owner,system,criticality,protected
                org-r,c-1,payments,gateway,CRITICAL,true
                org-r,c-2,bi,reports,LOW,false
                """);
        Path second = Files.writeString(dir.resolve("v2.csv"), """
                orgId,clientId,owner,system,criticality,protected
                org-r,c-1,payments,gateway,CRITICAL,false
                org-r,c-2,bi,reports,LOW,false
                org-r,c-3,ops,paging,MEDIUM,true
                """);

        CliRun initial = importFile(first);
        CliRun dryRun = importFile(second, "--dry-run");
        var afterDryRun = org("org-r");
        CliRun update = importFile(second);
        var afterUpdate = entries(org("org-r"));
        Path third = Files.writeString(dir.resolve("v3.csv"), """
                orgId,clientId,owner,system,criticality,protected
                org-r,c-1,payments,gateway,CRITICAL,false
                """);
        CliRun keep = importFile(third);
        var afterKeep = entries(org("org-r"));
        CliRun remove = importFile(third, "--remove-missing");
        var afterRemove = org("org-r");

        assertThat(initial.exitCode()).as(initial.err()).isZero();
        assertThat(initial.out()).contains("2 new, 0 changed, 0 not in the file").contains("0 unchanged")
                .contains("registry of org-r marked imported");
        assertThat(dryRun.out()).contains("1 new, 1 changed, 0 not in the file").contains("1 unchanged (dry run: nothing published)")
                .contains("protection removed");
        assertThat(entries(afterDryRun)).hasSize(2);
        assertThat(afterDryRun).as("the import marker").containsKey(OrgWide.key("org-r"));
        assertThat(update.exitCode()).isZero();
        assertThat(afterUpdate).hasSize(3);
        assertThat(afterUpdate.values()).filteredOn(r -> r.getClientId().equals("c-1")).singleElement()
                .satisfies(r -> assertThat(r.getProtected$()).isFalse());
        assertThat(keep.out()).as("entries missing from a file are kept unless asked").contains("2 not in the file (kept")
                .contains("c-3 is in the registry but not in this file  !! PROTECTED");
        assertThat(afterKeep).hasSize(3);
        assertThat(remove.exitCode()).isZero();
        assertThat(afterRemove.get(new ClientKey("org-r", "c-3")).getRecordType()).as("an explicit removal, kept as history")
                .isEqualTo(IntegrationRecordType.REMOVAL);
        assertThat(entries(afterRemove)).containsOnlyKeys(new ClientKey("org-r", "c-1"));
    }

    @Test
    void importsAnExcelExportWithAByteOrderMarkAndQuotedFields(@TempDir Path dir) throws Exception {
        Path excel = dir.resolve("excel.csv");
        Files.write(excel, ("\uFEFForgId,clientId,owner,system,notes\r\n"
                + "org-excel,c-1,\"Payments, EMEA\",gateway,\"owner says \"\"keep\"\"\"\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        CliRun run = importFile(excel);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(entries(org("org-excel")).values()).singleElement().satisfies(r -> {
            assertThat(r.getOwner()).isEqualTo("Payments, EMEA");
            assertThat(r.getNotes()).isEqualTo("owner says \"keep\"");
        });
    }

    @Test
    void declareEmptyMarksAnOrgWithoutEntriesAndRefusesOneWithEntries(@TempDir Path dir) throws Exception {
        CliRun empty = CliRun.of("registry", "declare-empty", "--org", "org-empty", "--bootstrap-servers",
                environment.bootstrapServers(), "--schema-registry-url", environment.schemaRegistryUrl());
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertThat(org("org-empty")).containsOnlyKeys(OrgWide.key("org-empty"));

        importFile(Files.writeString(dir.resolve("e.csv"), "orgId,clientId,owner,system\norg-full,c-1,o,s\n"));
        CliRun refused = CliRun.of("registry", "declare-empty", "--org", "org-full", "--bootstrap-servers",
                environment.bootstrapServers(), "--schema-registry-url", environment.schemaRegistryUrl());
        assertThat(refused.exitCode()).isEqualTo(Main.USAGE);
        assertThat(refused.err()).contains("has 1 registry entries");
    }

    private static java.util.Map<ClientKey, IntegrationRecord> org(String orgId) {
        var all = TopicTableReader.readAll(environment.topics().integrations(), environment.clientConfigs(), Duration.ofSeconds(30));
        java.util.Map<ClientKey, IntegrationRecord> of = new java.util.HashMap<>();
        all.forEach((k, v) -> {
            if (k.getOrgId().equals(orgId)) {
                of.put(k, v);
            }
        });
        return of;
    }

    private static java.util.Map<ClientKey, IntegrationRecord> entries(java.util.Map<ClientKey, IntegrationRecord> records) {
        java.util.Map<ClientKey, IntegrationRecord> entries = new java.util.HashMap<>();
        records.forEach((k, v) -> {
            if (v != null && v.getRecordType() == IntegrationRecordType.ENTRY) {
                entries.put(k, v);
            }
        });
        return entries;
    }

    @Test
    void anInvalidFileImportsNothingAndExitsWithUsageError(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "orgId,clientId,owner,system,protected\norg-bad,c-9,o,s,maybe\n");

        CliRun run = importFile(bad);

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("bad.csv:2: protected must be true or false").contains("nothing was imported");
        assertThat(TopicTableReader.readAll(environment.topics().integrations(), environment.clientConfigs(), Duration.ofSeconds(30)))
                .noneSatisfy((k, v) -> assertThat(k.getOrgId()).isEqualTo("org-bad"));
    }
}
