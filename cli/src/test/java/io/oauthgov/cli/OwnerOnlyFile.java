package io.oauthgov.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a secret file the way an operator must (readable by its owner only), since oauthgov refuses any other. */
public final class OwnerOnlyFile {
    private OwnerOnlyFile() {}

    public static Path write(Path file, String content) throws IOException {
        return write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
