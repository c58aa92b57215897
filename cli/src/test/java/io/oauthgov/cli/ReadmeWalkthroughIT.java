package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs README.md's "Run each stage yourself" block verbatim with bash, each {@code oauthgov} line as its own JVM (a
 * wrapper on the PATH runs this build's classes), against the {@code oauthgov dev} stack the block starts. A README
 * whose walkthrough stops working fails the build.
 */
class ReadmeWalkthroughIT {
    private static final Pattern BLOCK = Pattern.compile("<!-- walkthrough:begin -->\\s*```bash\\n(.*?)```\\s*<!-- walkthrough:end -->",
            Pattern.DOTALL);

    @Test
    void theReadmeWalkthroughRunsAsSeparateProcessesAndDeletesWhatWasApproved(@TempDir Path dir) throws Exception {
        Matcher block = BLOCK.matcher(Files.readString(Paths.get("..", "README.md")));
        assertThat(block.find()).as("README.md has the walkthrough block").isTrue();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path wrapper = Files.writeString(bin.resolve("oauthgov"), "#!/usr/bin/env bash\nexec \"" + Paths.get(System.getProperty("java.home"),
                "bin", "java") + "\" -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp \"$OAUTHGOV_TEST_CLASSPATH\" "
                + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Path script = Files.writeString(dir.resolve("walkthrough.sh"), """
                set -euo pipefail
                # every background stage (the stack, the analyzer) stops when the walkthrough ends, however it ends
                trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT
                set -x
                """ + block.group(1));

        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("walkthrough.log").toFile());
        builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("OAUTHGOV_TEST_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().remove("OAUTHGOV_CONFIG");
        Process walkthrough = builder.start();
        boolean finished = walkthrough.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            walkthrough.descendants().forEach(ProcessHandle::destroyForcibly);
            walkthrough.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("walkthrough.log"));
        Files.copy(dir.resolve("walkthrough.log"), Path.of("target", "readme-walkthrough.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(finished).as("the walkthrough finished within 8 minutes:\n" + log).isTrue();
        assertThat(walkthrough.exitValue()).as(log).isZero();
        assertThat(log).contains(": ok (1 org").contains("snapshot verified").contains("approvals published")
                .contains("EXECUTING").doesNotContain("clientSecret=");
        Matcher deleted = Pattern.compile("(?m)^\\s+DELETED\\s+(\\d+)$").matcher(log);
        assertThat(deleted.find()).as("reconcile counts deletions:\n" + log).isTrue();
        assertThat(Integer.parseInt(deleted.group(1))).as("approved clients were deleted through the whole chain").isPositive();
        assertThat(log).contains("Replay as of"); // replay printed its comparison
        assertThat(log).containsPattern("notices: [1-9]\\d* digest\\(s\\) sent");
        try (var mail = Files.list(dir.resolve("dev-stack").resolve("mail"))) {
            assertThat(mail.filter(f -> f.toString().endsWith(".eml")).count())
                    .as("the owners' digests, saved by the stack's mail server").isPositive();
        }
    }
}
