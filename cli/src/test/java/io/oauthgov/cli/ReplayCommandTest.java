package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything a user can get wrong is refused with exit code 2 before Kafka is contacted (port 1 never answers). */
class ReplayCommandTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void aMissingPolicyFileIsAUsageErrorWithAHint() {
        CliRun run = CliRun.of("replay", "--policy", "/nonexistent/strict.yaml", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).startsWith("oauthgov: --policy /nonexistent/strict.yaml: no such readable file").contains("hint:");
    }

    @Test
    void thePolicyIsRequired() {
        CliRun run = CliRun.of("replay");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--policy");
    }

    @Test
    void anInvalidPolicyNamesTheKeyAndLine(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("strict.yaml"), "id: strict\nversion: \"2\"\nstaleWindowDays: 0\n");

        CliRun run = CliRun.of("replay", "--policy", policy.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("staleWindowDays").contains("line 3").contains("hint:");
    }

    @Test
    void anUnparseableTimeIsAUsageErrorThatShowsTheAcceptedForms(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("strict.yaml"), "id: strict\nversion: \"2\"\n");

        CliRun run = CliRun.of("replay", "--policy", policy.toString(), "--from", "last tuesday", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--from 'last tuesday' is not a time").contains("hint:").contains("30d");
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("strict.yaml"), "id: strict\nversion: \"2\"\n");

        CliRun run = CliRun.of("replay", "--policy", policy.toString(), "--from", "2025-03-01", "--as-of", "2025-02-01",
                "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("is not before --as-of");
    }

    @Test
    void anAsOfInTheFutureIsRefused(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("strict.yaml"), "id: strict\nversion: \"2\"\n");

        CliRun run = CliRun.of("replay", "--policy", policy.toString(), "--as-of", "2999-01-01", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--as-of 2999-01-01 is in the future");
    }

    @Test
    void timesAreInstantsDatesOrAgesBeforeTheReference() {
        assertThat(TimeArguments.instant("2025-01-31T10:15:00Z", "--from", NOW)).isEqualTo(Instant.parse("2025-01-31T10:15:00Z"));
        assertThat(TimeArguments.instant("2025-01-31T12:15:00+02:00", "--from", NOW)).isEqualTo(Instant.parse("2025-01-31T10:15:00Z"));
        assertThat(TimeArguments.instant("2025-01-31", "--from", NOW)).isEqualTo(Instant.parse("2025-01-31T00:00:00Z"));
        assertThat(TimeArguments.instant("30d", "--from", NOW)).isEqualTo(Instant.parse("2025-05-02T12:00:00Z"));
        assertThat(TimeArguments.instant("12h", "--from", NOW)).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThatThrownBy(() -> TimeArguments.instant("2025-13-45", "--as-of", NOW)).isInstanceOf(UserError.class)
                .hasMessageContaining("--as-of '2025-13-45' is not a time");
    }
}
