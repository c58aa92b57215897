package io.oauthgov.cli.notify;

import io.oauthgov.cli.UserError;
import io.oauthgov.genesys.SecretFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A secret of the notifier or the approvals endpoint (SMTP password, webhook key, bearer token): from a file that
 * only its owner may read ({@link SecretFiles}), else from an environment variable, never from an option value
 * (command lines end up in shell history and process listings). An explicit file wins over the environment.
 */
public final class Secret {
    private Secret() {}

    /**
     * @param what what the secret is, for messages ("SMTP password file")
     * @return the trimmed secret, empty when neither the file nor the variable gives one
     */
    public static Optional<String> read(Path file, String environmentVariable, Map<String, String> environment, String what) {
        if (file != null) {
            SecretFiles.requireOwnerOnly(file, what, SecretFiles.insecureAllowed(environment));
            try {
                String value = Files.readString(file).trim();
                if (value.isEmpty()) {
                    throw new UserError(what + " " + file + " is empty", "write the secret into it (one line)");
                }
                return Optional.of(value);
            } catch (IOException e) {
                throw new UserError("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName(), "check the path and its permissions");
            }
        }
        String value = environment.get(environmentVariable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A key that signs or verifies HMACs: at least 16 bytes, as the approval key. */
    public static Optional<byte[]> key(Path file, String environmentVariable, Map<String, String> environment, String what) {
        Optional<String> text = read(file, environmentVariable, environment, what);
        if (text.isPresent() && text.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 16) {
            throw new UserError("the " + what + " from " + (file != null ? file.toString() : environmentVariable) + " is shorter than 16 bytes",
                    "use a random key of at least 16 bytes, e.g. `openssl rand -hex 32`");
        }
        return text.map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
