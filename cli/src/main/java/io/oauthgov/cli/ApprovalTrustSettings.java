package io.oauthgov.cli;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.executor.trust.ApprovalTrust;
import io.oauthgov.genesys.SecretFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The executor's approval trust, read exactly as the analyzer reads its gate's: the analyzer properties file
 * ({@code oauthgov.analyzer.approvers.<org|*>}, {@code oauthgov.analyzer.approval.hmac.key.file}) and the environment
 * variable {@code OAUTHGOV_APPROVAL_HMAC_KEY}, through {@link AnalyzerSettings#fromProperties}, so both stages apply
 * the same approvers and key by construction.
 */
final class ApprovalTrustSettings {
    private ApprovalTrustSettings() {}

    /** @param file the analyzer properties; null reads only the environment (no approvers then) */
    static ApprovalTrust load(Path file, String option, Map<String, String> environment) {
        Map<String, String> properties = new HashMap<>();
        if (file != null) {
            Properties loaded = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                loaded.load(reader);
            } catch (IOException e) {
                throw new UserError("cannot read " + option + " " + file + ": " + e.getClass().getSimpleName(),
                        "pass the analyzer's properties file (approvers and the approval HMAC key file)");
            }
            loaded.forEach((k, v) -> properties.put(k.toString(), v.toString()));
        }
        AnalyzerSettings settings;
        try {
            settings = AnalyzerSettings.fromProperties(properties, environment);
        } catch (SecretFiles.SecretFileException e) {
            throw e; // names the file and how to fix it (Main maps it to exit 2)
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage(), "the executor verifies approvals with the analyzer's approvers and HMAC key");
        }
        return new ApprovalTrust(settings.hmacKey(), settings.approversByOrg());
    }
}
