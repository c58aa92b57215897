package io.oauthgov.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerSettingsTest {

    @Test
    void approversIdentitiesAndIntervalComeFromPropertiesAndTheKeyFromTheEnvironment() {
        AnalyzerSettings settings = AnalyzerSettings.fromProperties(Map.of(
                "oauthgov.analyzer.approvers.org-1", "Alice@Example.test, bob@example.test",
                "oauthgov.analyzer.approvers.*", "sre@example.test",
                "oauthgov.analyzer.identity.org-1", "executor-1",
                "oauthgov.analyzer.punctuation.interval.ms", "5000"),
                Map.of(AnalyzerSettings.HMAC_KEY_ENV, "a-key-of-at-least-16-bytes"));

        assertThat(settings.mayApprove("org-1", "alice@example.test")).as("case-insensitive").isTrue();
        assertThat(settings.mayApprove("org-2", "alice@example.test")).isFalse();
        assertThat(settings.mayApprove("org-2", "sre@example.test")).as("'*' covers every org").isTrue();
        assertThat(settings.executorIdentity("org-1")).contains("executor-1");
        assertThat(settings.punctuationInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.hmacKey()).get().isEqualTo("a-key-of-at-least-16-bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(settings.toString()).as("the key is never printed").doesNotContain("a-key-of");
    }

    @Test
    void hmacKeyCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hmac.key");
        Files.writeString(file, "file-key-0123456789\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        AnalyzerSettings settings = AnalyzerSettings.fromProperties(Map.of(AnalyzerSettings.HMAC_KEY_FILE, file.toString()), Map.of());

        assertThat(settings.hmacKey()).get().isEqualTo("file-key-0123456789".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hmacKeyFileOthersMayReadIsRefusedUnlessExplicitlyAllowed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("hmac.key"), "file-key-0123456789\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> properties = Map.of(AnalyzerSettings.HMAC_KEY_FILE, file.toString());

        assertThatThrownBy(() -> AnalyzerSettings.fromProperties(properties, Map.of()))
                .isInstanceOf(io.oauthgov.genesys.SecretFiles.SecretFileException.class)
                .hasMessageContaining("approval HMAC key file").hasMessageContaining("rw-r--r--").hasMessageNotContaining("file-key");
        assertThat(AnalyzerSettings.fromProperties(properties, Map.of(io.oauthgov.genesys.SecretFiles.ALLOW_INSECURE_ENV, "1")).hmacKey())
                .isPresent();
    }

    @Test
    void shortHmacKeyIsRefused() {
        assertThatThrownBy(() -> AnalyzerSettings.builder().hmacKey(new byte[4]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }
}
