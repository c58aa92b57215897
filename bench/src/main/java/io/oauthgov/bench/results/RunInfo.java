package io.oauthgov.bench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * Where and when a run happened: the date, the git revision (with "-dirty" for uncommitted changes), the cores the
 * JVM sees and {@code nproc}'s answer, and the Java runtime. Stamped on the run and on every metric.
 */
public record RunInfo(Instant date, String gitRevision, boolean gitDirty, int cores, String nproc, String java,
                      String mode, String command) {

    public static RunInfo collect(String mode, String command) {
        String revision = run("git", "rev-parse", "--short=12", "HEAD");
        String status = run("git", "status", "--porcelain");
        return new RunInfo(Instant.now().truncatedTo(ChronoUnit.SECONDS),
                revision.isEmpty() ? "unknown" : revision,
                !status.isEmpty(),
                Runtime.getRuntime().availableProcessors(),
                run("nproc"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                mode, command);
    }

    /** "abc123def456" or "abc123def456-dirty". */
    public String revisionLabel() {
        return gitRevision + (gitDirty ? "-dirty" : "");
    }

    /** The command's trimmed output, "" when it cannot run. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "";
            }
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
