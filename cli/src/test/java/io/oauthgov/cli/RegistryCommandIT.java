package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.cli.embedded.EmbeddedEnvironment;
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
        var afterDryRun = TopicTableReader.readAll(environment.topics().integrations(), environment.clientConfigs(), Duration.ofSeconds(30));
        CliRun update = importFile(second);
        var afterUpdate = TopicTableReader.readAll(environment.topics().integrations(), environment.clientConfigs(), Duration.ofSeconds(30));

        assertThat(initial.exitCode()).as(initial.err()).isZero();
        assertThat(initial.out()).contains("2 new, 0 changed, 0 unchanged");
        assertThat(dryRun.out()).contains("1 new, 1 changed, 1 unchanged (dry run: nothing published)")
                .contains("protection removed");
        assertThat(afterDryRun).hasSize(2);
        assertThat(update.exitCode()).isZero();
        assertThat(afterUpdate).hasSize(3);
        assertThat(afterUpdate.values()).filteredOn(r -> r.getClientId().equals("c-1")).singleElement()
                .satisfies(r -> assertThat(r.getProtected$()).isFalse());
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
