package io.oauthgov.schemas.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an HTTP body is signed between oauthgov and the systems around it, in both directions: the notifier's webhook
 * calls carry it, and {@code oauthgov approvals serve} requires it of approval systems (unless they use a bearer
 * token). The scheme is the common one of GitHub and Stripe webhooks:
 * <pre>
 * X-Oauthgov-Timestamp: 1767225600                      (epoch seconds when signed)
 * X-Oauthgov-Signature: sha256=HEX(HMAC-SHA256(key, timestamp + "." + body))
 * </pre>
 * The timestamp is signed with the body, so a captured request cannot be replayed after {@link #TOLERANCE}.
 */
public final class BodySignature {
    public static final String SIGNATURE_HEADER = "X-Oauthgov-Signature";
    public static final String TIMESTAMP_HEADER = "X-Oauthgov-Timestamp";
    /** How far a signed timestamp may be from the receiver's clock (either way: clocks drift). */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "sha256=";

    private BodySignature() {}

    /** The signature header's value for {@code body} signed at {@code at}. */
    public static String sign(byte[] key, Instant at, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(key, at.getEpochSecond(), body));
    }

    /** The timestamp header's value for a signature made at {@code at}. */
    public static String timestamp(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    /**
     * @return why the request is not authentic, or null when it is: both headers present, the timestamp within
     * {@link #TOLERANCE} of {@code now}, the MAC equal (compared in constant time)
     */
    public static String problem(byte[] key, String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null) {
            return "missing " + (timestampHeader == null ? TIMESTAMP_HEADER : SIGNATURE_HEADER) + " header";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return TIMESTAMP_HEADER + " is not epoch seconds";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return TIMESTAMP_HEADER + " is more than " + TOLERANCE.toMinutes() + " minutes from now (replayed or clock skew)";
        }
        String value = signatureHeader.trim().toLowerCase(Locale.ROOT);
        if (!value.startsWith(PREFIX)) {
            return SIGNATURE_HEADER + " must be sha256=<hex>";
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return SIGNATURE_HEADER + " is not hex";
        }
        return MessageDigest.isEqual(mac(key, seconds, body), given) ? null : "the signature does not match the body";
    }

    private static byte[] mac(byte[] key, long seconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((seconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
