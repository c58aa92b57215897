package io.oauthgov.cli.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.cli.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalSigningKeyTest {
    private static final Map<String, String> ENV_WITH_KEY = Map.of(AnalyzerSettings.HMAC_KEY_ENV, "key-from-the-environment");

    @Test
    void theEnvironmentProvidesTheKeyWhenNoFileIsGiven() {
        assertThat(ApprovalSigningKey.load(null, ENV_WITH_KEY))
                .hasValueSatisfying(key -> assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("key-from-the-environment"));
    }

    @Test
    void anExplicitFileWinsOverTheEnvironmentAndIsTrimmedLikeTheAnalyzerDoes(@TempDir Path dir) throws Exception {
        Path file = io.oauthgov.cli.OwnerOnlyFile.write(dir.resolve("hmac.key"), "key-from-the-file-0123\n");

        assertThat(ApprovalSigningKey.load(file, ENV_WITH_KEY))
                .hasValueSatisfying(key -> assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("key-from-the-file-0123"));
    }

    @Test
    void noFileAndNoEnvironmentMeansUnsigned() {
        assertThat(ApprovalSigningKey.load(null, Map.of())).isEmpty();
    }

    @Test
    void aShortKeyIsAUsageErrorThatDoesNotPrintTheKey(@TempDir Path dir) throws Exception {
        Path file = io.oauthgov.cli.OwnerOnlyFile.write(dir.resolve("hmac.key"), "short-secret");

        assertThatThrownBy(() -> ApprovalSigningKey.load(file, Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("shorter than 16 bytes").hasMessageNotContaining("short-secret");
    }

    @Test
    void aMissingFileIsAUsageError(@TempDir Path dir) {
        assertThatThrownBy(() -> ApprovalSigningKey.load(dir.resolve("absent.key"), ENV_WITH_KEY))
                .isInstanceOf(UserError.class).hasMessageContaining("no such readable file");
    }
}
