package io.oauthgov.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * One {@code oauthgov} command in a JVM of its own, as production runs each stage: its output is kept for
 * assertions and failure messages, and {@link #close()} stops it the way an operator does (SIGTERM, shutdown hooks).
 */
final class StageProcess implements AutoCloseable {
    private static final Pattern METRICS_URL = Pattern.compile("metrics on (http://\\S+)/metrics");

    private final Process process;
    private final String name;
    private final List<String> output = new ArrayList<>();

    private StageProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "stage-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static StageProcess start(String... args) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new StageProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), args[0]);
    }

    /** The base URL the stage printed for its metrics endpoint (started with {@code --metrics-port 0}). */
    String metricsUrl(Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    assertAlive();
                    Matcher matcher = METRICS_URL.matcher(output());
                    return matcher.find() ? matcher.group(1) : null;
                }, url -> url != null);
    }

    /** Waits for the stage to exit on its own and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout.toSeconds() + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits until the stage printed a line containing {@code text}. */
    void awaitOutput(String text, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertAlive();
            return output().contains(text);
        });
    }

    /** Kills the stage with SIGKILL ({@code destroyForcibly} on Linux): no shutdown hook, no graceful close. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Fails with the stage's output when it is no longer running. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited " + process.exitValue() + ":\n" + output());
        }
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Stops the stage and keeps what it printed in {@code target/stage-<command>-<pid>.log}, for a failure's post-mortem. */
    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.writeString(Path.of("target", "stage-" + name + "-" + process.pid() + ".log"), output() + "\n");
    }
}
