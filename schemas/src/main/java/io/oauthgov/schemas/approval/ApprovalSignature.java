package io.oauthgov.schemas.approval;

import io.oauthgov.avro.Approval;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC an approval system signs an approval with, so the gate can tell an approval from the configured system
 * apart from one anybody with write access to the approvals topic could produce.
 *
 * <p>Signature = lower-case hex of HMAC-SHA256(key, canonical), where canonical is the UTF-8 text
 * <pre>approvalId|candidateId|orgId|clientId|fingerprint|decision|approver|approvedAt|expiresAt</pre>
 * with {@code decision} as APPROVE or REJECT and both times as epoch milliseconds. {@code ticketRef}, {@code source}
 * and the signature itself are not signed.
 */
public final class ApprovalSignature {
    private static final String ALGORITHM = "HmacSHA256";

    private ApprovalSignature() {}

    public static String canonical(Approval approval) {
        return String.join("|",
                approval.getApprovalId(),
                approval.getCandidateId(),
                approval.getOrgId(),
                approval.getClientId(),
                approval.getFingerprint(),
                Objects.toString(approval.getDecision()),
                approval.getApprover(),
                Long.toString(approval.getApprovedAt().toEpochMilli()),
                Long.toString(approval.getExpiresAt().toEpochMilli()));
    }

    /** The signature an approval system (or {@code oauthgov approve}) attaches. */
    public static String sign(byte[] key, Approval approval) {
        return HexFormat.of().formatHex(mac(key, canonical(approval)));
    }

    /** Constant-time comparison: a mismatch takes as long wherever it is, so timing leaks nothing of the MAC. */
    public static boolean verify(byte[] key, Approval approval) {
        String signature = approval.getSignature();
        if (signature == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, canonical(approval)), given);
    }

    private static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
