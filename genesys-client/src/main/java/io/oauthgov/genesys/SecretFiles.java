package io.oauthgov.genesys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one check every file holding a secret passes before it is read (client credentials, the approval HMAC key):
 * as ssh refuses a private key others can read, a secret file that its group or the world may read or write is
 * refused — anyone who could read it could act as the identity, anyone who could write it could swap it. Setting
 * {@value #ALLOW_INSECURE_ENV}{@code =true} (for a filesystem without permissions that matter, such as some
 * container volumes) turns the refusal off explicitly. On a filesystem without POSIX permissions nothing is checked.
 */
public final class SecretFiles {
    /** Environment variable that, set to {@code true} or {@code 1}, accepts secret files others may read or write. */
    public static final String ALLOW_INSECURE_ENV = "OAUTHGOV_ALLOW_INSECURE_SECRET_FILES";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFiles() {}

    /** Whether the environment explicitly accepts secret files others may read or write. */
    public static boolean insecureAllowed(Map<String, String> environment) {
        String value = environment.get(ALLOW_INSECURE_ENV);
        return value != null && (value.trim().equalsIgnoreCase("true") || value.trim().equals("1"));
    }

    /**
     * Refuses a missing file, and one its group or others may read or write unless {@code allowInsecure}.
     *
     * @param what what the file holds, for the message ("credentials file", "approval HMAC key file")
     */
    public static void requireOwnerOnly(Path file, String what, boolean allowInsecure) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SecretFileException(what + " " + file + " does not exist or is not readable",
                    "check the path (relative paths start from the working directory) and that this user may read it");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null || allowInsecure) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = posix.readAttributes().permissions();
        } catch (IOException e) {
            throw new SecretFileException("cannot read the permissions of " + what + " " + file + ": " + e.getClass().getSimpleName(),
                    "check that this user may read it");
        }
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new SecretFileException(what + " " + file + " is accessible by others (" + PosixFilePermissions.toString(permissions)
                    + "); a secret must be readable and writable by its owner only",
                    "run: chmod 600 " + file + "   (or set " + ALLOW_INSECURE_ENV + "=true to accept it anyway)");
        }
    }

    /** A secret file that is missing, unreadable, malformed or accessible by others: the operator must fix it. */
    public static final class SecretFileException extends IllegalArgumentException {
        private final String hint;

        public SecretFileException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        /** What to do about it, one line. */
        public String hint() {
            return hint;
        }
    }
}
