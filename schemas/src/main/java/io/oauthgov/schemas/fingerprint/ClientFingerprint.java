package io.oauthgov.schemas.fingerprint;

import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.RoleDivision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The fingerprint of a verdict: a SHA-256 over every client field that can change what the policy decides, plus
 * the last evidence of use it judged. An approval must quote it, and the executor compares the same fields on
 * the live client, so "changed since approval" means exactly one thing across the pipeline.
 *
 * <p>Snapshot bookkeeping (snapshotId, observedAt, region) is deliberately excluded: seeing the same client again
 * in a later snapshot must not invalidate an approval.
 */
public final class ClientFingerprint {
    /** The judged fields, in a fixed order, with canonical text for each (lists sorted: order carries no meaning). */
    private static final Map<String, Function<OAuthClientSnapshot, String>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("id", OAuthClientSnapshot::getId);
        FIELDS.put("name", OAuthClientSnapshot::getName);
        FIELDS.put("description", c -> Objects.toString(c.getDescription(), ""));
        FIELDS.put("state", OAuthClientSnapshot::getState);
        FIELDS.put("authorizedGrantType", c -> Objects.toString(c.getAuthorizedGrantType(), ""));
        FIELDS.put("scope", c -> sorted(c.getScope()));
        FIELDS.put("roleIds", c -> sorted(c.getRoleIds()));
        FIELDS.put("roleDivisions", c -> sorted(c.getRoleDivisions().stream().map(ClientFingerprint::roleDivision).toList()));
        FIELDS.put("registeredRedirectUri", c -> sorted(c.getRegisteredRedirectUri()));
        FIELDS.put("accessTokenValiditySeconds", c -> Objects.toString(c.getAccessTokenValiditySeconds(), ""));
        FIELDS.put("dateCreated", c -> instant(c.getDateCreated()));
        FIELDS.put("dateModified", c -> instant(c.getDateModified()));
    }

    private ClientFingerprint() {}

    /** Hex SHA-256 of the judged client fields and the last use the verdict saw (null = none seen). */
    public static String of(OAuthClientSnapshot client, Instant lastUsedAt) {
        StringBuilder canonical = new StringBuilder(256);
        FIELDS.forEach((name, value) -> canonical.append(name).append('=').append(value.apply(client)).append('\n'));
        canonical.append("lastUsedAt=").append(instant(lastUsedAt)).append('\n');
        return sha256(canonical.toString());
    }

    /** The judged fields whose values differ between the approved snapshot and the live client, in a fixed order. */
    public static List<String> differingFields(OAuthClientSnapshot approved, OAuthClientSnapshot live) {
        List<String> differing = new ArrayList<>();
        FIELDS.forEach((name, value) -> {
            if (!value.apply(approved).equals(value.apply(live))) {
                differing.add(name);
            }
        });
        return differing;
    }

    private static String sorted(List<String> values) {
        return String.join(",", values.stream().sorted().toList());
    }

    private static String roleDivision(RoleDivision rd) {
        return rd.getRoleId() + "@" + rd.getDivisionId();
    }

    private static String instant(Instant instant) {
        return instant == null ? "" : Long.toString(instant.toEpochMilli());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
