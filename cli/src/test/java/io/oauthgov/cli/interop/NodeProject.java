package io.oauthgov.cli.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node project under {@code interop/node} (kafkajs + @kafkajs/confluent-schema-registry), driven from a test:
 * finds {@code node} and {@code npm} (the test skips, visibly, without them), installs the locked dependencies with
 * {@code npm ci} only when {@code node_modules} does not match {@code package-lock.json}, and runs the client script
 * as a child process with a deadline.
 */
public final class NodeProject {
    /** Set to {@code true} to skip instead of fail when npm cannot reach its registry (CI leaves it unset: it must run). */
    public static final String SKIP_OFFLINE_ENV = "OAUTHGOV_SKIP_NODE_INTEROP_OFFLINE";
    public static final String SCRIPT = "oauthgov-client.js";
    /** util.parseArgs and the kafkajs 2 line need Node 18. */
    private static final int MIN_NODE_MAJOR = 18;
    private static final int MAX_HEAP_MB = 256;
    /** Written after a successful {@code npm ci}: the hash of the lock file it installed. */
    private static final String INSTALLED_MARKER = ".oauthgov-installed-lock.sha256";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern UNREACHABLE = Pattern.compile("ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH"
            + "|EHOSTUNREACH|network request to .* failed");

    private final Path dir;
    private final Path npmCache;

    private NodeProject(Path dir, Path npmCache) {
        this.dir = dir;
        this.npmCache = npmCache;
    }

    /** What one run of the script printed: its JSON lines (stdout), its log (stderr) and its exit code. */
    public record Run(int exitCode, List<JsonNode> lines, String stderr) {
        public List<JsonNode> lines(String kind) {
            return lines.stream().filter(line -> kind.equals(line.path("kind").asText())).toList();
        }

        public String describe() {
            return "exit " + exitCode + "\nstdout:\n" + lines.stream().map(JsonNode::toString).reduce("", (a, b) -> a + b + "\n")
                    + "stderr:\n" + stderr;
        }
    }

    /**
     * The project found from the working directory upwards, ready to run: skips the calling test when node or npm is
     * missing (or too old), fails it when {@code npm ci} fails, unless npm merely could not reach its registry and
     * {@value #SKIP_OFFLINE_ENV} says to skip then.
     */
    public static NodeProject installed(Path npmCache) {
        Optional<String> node = version("node");
        Assumptions.assumeTrue(node.isPresent(), "node not found on PATH: skipped the kafkajs interop test (.ci/run installs nodejs and npm)");
        int major = Integer.parseInt(node.get().replaceFirst("^v", "").split("\\.")[0]);
        Assumptions.assumeTrue(major >= MIN_NODE_MAJOR, "node " + node.get() + " on PATH is older than " + MIN_NODE_MAJOR
                + ": skipped the kafkajs interop test");
        Assumptions.assumeTrue(version("npm").isPresent(), "npm not found on PATH: skipped the kafkajs interop test (.ci/run installs it)");
        NodeProject project = new NodeProject(locate(), npmCache);
        project.installIfStale();
        return project;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Runs {@code node oauthgov-client.js args...} with {@code environment} added and a bounded heap (it holds one
     * record per topic); killed when it overruns the timeout.
     */
    public Run run(Duration timeout, Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>(List.of("node", "--max-old-space-size=" + MAX_HEAP_MB, SCRIPT));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment);
        Output output = run(builder, timeout);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.stdout().split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(json.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("the Node client printed a line that is not JSON: " + line + "\nstderr:\n" + output.stderr(), e);
                }
            }
        }
        return new Run(output.exitCode(), lines, output.stderr());
    }

    private void installIfStale() {
        String lockHash = sha256(dir.resolve("package-lock.json"));
        Path marker = dir.resolve("node_modules").resolve(INSTALLED_MARKER);
        if (Files.exists(marker) && read(marker).trim().equals(lockHash)) {
            return;
        }
        // --prefer-offline: a populated cache needs no network; the lock file's integrity hashes make it deterministic.
        // Retries capped at 10 s apart: an unreachable registry is reported in well under a minute.
        ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline",
                "--fetch-retry-maxtimeout=10000", "--cache", npmCache.toString()).directory(dir.toFile());
        Output output = run(npm, INSTALL_TIMEOUT);
        if (output.exitCode() != 0) {
            String log = output.stdout() + output.stderr();
            if (UNREACHABLE.matcher(log).find()) {
                Assumptions.assumeFalse("true".equalsIgnoreCase(System.getenv(SKIP_OFFLINE_ENV)),
                        "npm cannot reach its registry and " + SKIP_OFFLINE_ENV + "=true: skipped the kafkajs interop test");
                throw new AssertionError("npm ci in " + dir + " cannot reach the npm registry, so kafkajs is not installed. Give this "
                        + "machine access to registry.npmjs.org (or a mirror via npm's `registry` setting), or set " + SKIP_OFFLINE_ENV
                        + "=true to skip this test where that is impossible.\n" + tail(log));
            }
            throw new AssertionError("npm ci in " + dir + " failed (exit " + output.exitCode() + "):\n" + tail(log));
        }
        write(marker, lockHash);
    }

    /** Walks up from the working directory (the module under Maven) to the checkout holding interop/node. */
    private static Path locate() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("interop").resolve("node");
            if (Files.isRegularFile(candidate.resolve("package.json")) && Files.isRegularFile(candidate.resolve(SCRIPT))) {
                return candidate;
            }
        }
        throw new AssertionError("interop/node/" + SCRIPT + " not found above " + Path.of("").toAbsolutePath());
    }

    private static Optional<String> version(String tool) {
        try {
            Output output = run(new ProcessBuilder(tool, "--version"), Duration.ofSeconds(30));
            return output.exitCode() == 0 ? Optional.of(output.stdout().trim()) : Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.empty(); // not on PATH
        }
    }

    private record Output(int exitCode, String stdout, String stderr) {}

    /** Output goes to files, not pipes: a chatty child can never block on a full pipe while we wait for it. */
    private static Output run(ProcessBuilder builder, Duration timeout) {
        try {
            Path stdout = Files.createTempFile("oauthgov-node-", ".out");
            Path stderr = Files.createTempFile("oauthgov-node-", ".err");
            try {
                Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", builder.command()) + " did not finish within " + timeout.toSeconds()
                            + " s\nstdout:\n" + tail(read(stdout)) + "\nstderr:\n" + tail(read(stderr)));
                }
                return new Output(process.exitValue(), read(stdout), read(stderr));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + builder.command(), e);
        }
    }

    private static String tail(String text) {
        return text.length() <= 4_000 ? text : "..." + text.substring(text.length() - 4_000);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
