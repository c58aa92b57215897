package io.oauthgov.cli.approvals;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.cli.UserError;
import io.oauthgov.genesys.SecretFiles;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The HMAC key approvals are signed with, found where the analyzer finds the key it verifies with: the environment
 * variable {@value AnalyzerSettings#HMAC_KEY_ENV}, or a file. The key is never an option value, because command
 * lines end up in shell history and process listings.
 *
 * <p>Reading is delegated to {@link AnalyzerSettings#fromProperties} so the signer and the verifier can never
 * disagree about trimming, encoding or the 16-byte minimum. An explicit file wins over the environment: what the
 * operator typed for this run is what they mean.
 */
public final class ApprovalSigningKey {
    private ApprovalSigningKey() {}

    /** Empty when neither a file nor the environment variable provides a key. */
    public static Optional<byte[]> load(Path file, Map<String, String> environment) {
        if (file != null && !Files.isReadable(file)) {
            throw new UserError("approval key file " + file + ": no such readable file",
                    "pass the file holding the approval HMAC key (the one the analyzer verifies with)");
        }
        Map<String, String> properties = file == null ? Map.of() : Map.of(AnalyzerSettings.HMAC_KEY_FILE, file.toString());
        Map<String, String> env = file == null ? environment : Map.of();
        try {
            return AnalyzerSettings.fromProperties(properties, env).hmacKey();
        } catch (UncheckedIOException e) {
            throw new UserError("cannot read the approval key file " + file + ": " + e.getCause().getMessage(),
                    "pass a readable file holding the approval HMAC key");
        } catch (SecretFiles.SecretFileException e) {
            throw e; // accessible by others: its own message and hint (Main maps it to exit 2)
        } catch (IllegalArgumentException e) {
            // The only setting passed in is the key, so this is the analyzer's length check refusing it.
            String origin = file != null ? "file " + file : "environment variable " + AnalyzerSettings.HMAC_KEY_ENV;
            throw new UserError("the approval HMAC key from " + origin + " is shorter than 16 bytes",
                    "use the same key the analyzer is configured with (at least 16 bytes)");
        }
    }
}
