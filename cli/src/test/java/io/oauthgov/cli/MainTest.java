package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.schemas.topics.TopicCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void topicsListPrintsEveryCatalogTopicWithoutACluster() {
        CliRun run = CliRun.of("topics", "list");

        assertThat(run.exitCode()).isZero();
        TopicCatalog.ALL.forEach(t -> assertThat(run.out()).contains(t.name()));
    }

    @Test
    void topicsAclsLetsOnlyTheOwnerWriteTheRegistryTheControlTopicAndApprovedDeletions() {
        CliRun run = CliRun.of("topics", "acls", "--principal", "executor=User:svc-exec", "--bootstrap-server", "kafka:9093");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> writes = run.out().lines().filter(l -> l.contains("--operation Write")).toList();
        assertThat(writes).allSatisfy(l -> assertThat(l).startsWith("kafka-acls.sh --bootstrap-server kafka:9093 --add --allow-principal "));
        assertThat(writers(writes, "governance.integrations")).containsExactly("User:oauthgov-registry");
        assertThat(writers(writes, "governance.control")).containsExactly("User:oauthgov-operator");
        assertThat(writers(writes, "governance.deletions.approved")).containsExactly("User:oauthgov-analyzer");
        assertThat(writers(writes, "governance.outcomes")).containsExactly("User:svc-exec");
        TopicCatalog.ALL.forEach(t -> assertThat(writers(writes, t.name())).as(t.name()).isNotEmpty());
        assertThat(writes).as("one collector transactional id per org, all under its prefix").anySatisfy(l -> assertThat(l)
                .contains("User:oauthgov-collector --resource-pattern-type prefixed").endsWith("--transactional-id oauthgov-collector-"));
        assertThat(run.out()).contains("--allow-principal User:oauthgov-collector --operation Read --group oauthgov-collectors");
    }

    private static List<String> writers(List<String> writeLines, String topic) {
        return writeLines.stream().filter(l -> l.endsWith(" --topic " + topic))
                .map(l -> l.replaceAll(".*--allow-principal (\\S+) .*", "$1")).toList();
    }

    @Test
    void executeWithoutTheApprovalKeyRefusesToExecute() {
        CliRun run = CliRun.of("execute", "--execute", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--execute needs the approval HMAC key");
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
                {"topics", "acls", "--help"}, {"topics", "create", "--help"}, {"topics", "describe", "--help"}, {"demo", "--help"},
                {"collect", "--help"}, {"simulator", "--help"}, {"analyze", "--help"}, {"registry", "import", "--help"},
                {"replay", "--help"}, {"approve", "--help"}, {"execute", "--help"}, {"restore", "--help"}, {"kill-switch", "--help"},
                {"reconcile", "--help"}, {"notify", "--help"}, {"approvals", "serve", "--help"}}) {
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
    void executeRefusesAQuarantineShorterThanThePolicyAllowsUnlessExplicitlyTesting() {
        CliRun run = CliRun.of("execute", "--quarantine", "0s", "--bootstrap-servers", "127.0.0.1:1");
        CliRun hours = CliRun.of("execute", "--quarantine", "12h", "--bootstrap-servers", "127.0.0.1:1");

        for (CliRun refused : java.util.List.of(run, hours)) {
            assertThat(refused.exitCode()).isEqualTo(Main.USAGE);
            assertThat(refused.err()).contains("shorter than the policy allows (at least 1d)").contains("hint:")
                    .contains("--allow-short-quarantine");
        }
    }

    @Test
    void executeRefusesAQuarantineLongerThanThePolicyAllowsOrBeyondWhatADurationHolds() {
        CliRun tooLong = CliRun.of("execute", "--quarantine", "400d", "--bootstrap-servers", "127.0.0.1:1");
        CliRun overflow = CliRun.of("execute", "--quarantine", "999999999999999d", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(tooLong.exitCode()).isEqualTo(Main.USAGE);
        assertThat(tooLong.err()).contains("longer than the policy allows (at most 365d)");
        assertThat(overflow.exitCode()).as(overflow.err()).isEqualTo(Main.USAGE);
        assertThat(overflow.err()).contains("--quarantine '999999999999999d' is too long").contains("hint:");
    }

    @Test
    void aDurationWithMoreDigitsThanALongHoldsIsAUsageError() {
        CliRun run = CliRun.of("execute", "--stop-when-idle", "12345678901234567890s", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--stop-when-idle '12345678901234567890s' is too long").contains("hint:");
    }

    @Test
    void unreadableCommandConfigIsOneLineWithAHintAndExitCode2() {
        CliRun run = CliRun.of("topics", "describe", "--command-config", "/nonexistent/client.properties");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).startsWith("oauthgov: --command-config /nonexistent/client.properties: no such readable file").contains("hint:");
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
