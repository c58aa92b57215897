package io.oauthgov.collector.snapshot;

import io.oauthgov.avro.OAuthClientSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;

/** SHA-256 over the sorted client ids and their dateModified: two snapshots with equal digests saw the same registry. */
public final class SnapshotDigest {
    private SnapshotDigest() {}

    public static String of(Collection<OAuthClientSnapshot> clients) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            clients.stream()
                    .sorted(Comparator.comparing(OAuthClientSnapshot::getId))
                    .forEach(c -> sha.update((c.getId() + "@" + (c.getDateModified() == null ? "" : c.getDateModified().toEpochMilli())
                            + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
