package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.schemas.topics.TopicCatalog;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void topicsListPrintsEveryCatalogTopicWithoutACluster() {
        CliRun run = CliRun.of("topics", "list");

        assertThat(run.exitCode()).isZero();
        TopicCatalog.ALL.forEach(t -> assertThat(run.out()).contains(t.name()));
    }

    @Test
    void unknownSubcommandIsAUsageErrorWithExitCode2() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("Unmatched argument").contains("frobnicate");
    }

    @Test
    void helpListsTheExitCodesAndSubcommands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("topics").contains("Exit codes:").contains("invalid usage or configuration");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] args : new String[][] {{"topics", "--help"}, {"topics", "list", "--help"},
                {"topics", "create", "--help"}, {"topics", "describe", "--help"}, {"demo", "--help"},
                {"collect", "--help"}, {"simulator", "--help"}, {"analyze", "--help"}, {"registry", "import", "--help"},
                {"replay", "--help"}, {"approve", "--help"}, {"execute", "--help"}, {"restore", "--help"}, {"kill-switch", "--help"},
                {"reconcile", "--help"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).contains("Usage:");
        }
    }

    @Test
    void killSwitchRefusesAStateOtherThanOnOrOff() {
        CliRun run = CliRun.of("kill-switch", "maybe", "--reason", "x", "--issued-by", "y", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("'on' or 'off'");
    }

    @Test
    void executeRefusesAQuarantineThatIsNotADuration() {
        CliRun run = CliRun.of("execute", "--quarantine", "a week", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--quarantine takes a number and a unit");
    }

    @Test
    void unreadableCommandConfigIsOneLineWithAHintAndExitCode2() {
        CliRun run = CliRun.of("topics", "describe", "--command-config", "/nonexistent/client.properties");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).startsWith("oauthgov: cannot read --command-config").contains("hint:");
    }

    @Test
    void zeroReplicationFactorIsRefusedBeforeContactingKafka() {
        CliRun run = CliRun.of("topics", "create", "--replication-factor", "0", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--replication-factor must be at least 1");
    }

    @Test
    void anInvalidPolicyIsRefusedWithEveryProblemAndItsLineBeforeTouchingKafka(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var policy = java.nio.file.Files.writeString(dir.resolve("policy.yaml"), "id: strict\nversion: \"2\"\nstaleWindowDays: -5\n");

        CliRun run = CliRun.of("analyze", "--policy", policy.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("staleWindowDays").contains("line 3").contains("hint:");
    }
}
