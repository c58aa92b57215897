package io.oauthgov.notifier;

import io.oauthgov.avro.DeletionCandidate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * One message to one recipient about every candidate of theirs that they have not been told about yet. Its id is a
 * function of the recipient and the candidate ids, so the same set is the same digest whenever it is computed: the
 * e-mail's Message-ID and the webhook's digest header let receivers drop a duplicate the notifier could not rule out
 * (a crash between the SMTP server's OK and the notices' commit).
 */
public record Digest(String digestId, Recipient recipient, List<DeletionCandidate> candidates, Instant createdAt) {

    public Digest {
        candidates = candidates.stream().sorted(Comparator.comparing(DeletionCandidate::getOrgId)
                .thenComparing(DeletionCandidate::getEligibleAt).thenComparing(DeletionCandidate::getClientId)).toList();
    }

    public static Digest of(Recipient recipient, List<DeletionCandidate> candidates, Instant now) {
        return new Digest(idOf(recipient, candidates), recipient, candidates, now);
    }

    /** The same candidates for another recipient (the escalation or fallback after the owner could not be reached). */
    public Digest to(Recipient other) {
        return of(other, candidates, createdAt);
    }

    static String idOf(Recipient recipient, List<DeletionCandidate> candidates) {
        StringBuilder text = new StringBuilder(recipient.groupKey());
        candidates.stream().map(DeletionCandidate::getCandidateId).sorted().forEach(id -> text.append('\n').append(id));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "digest-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
