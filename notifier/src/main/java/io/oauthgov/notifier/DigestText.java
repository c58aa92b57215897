package io.oauthgov.notifier;

import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a digest says, in words an owner can act on: for each client what will happen when (eligible at, the first
 * moment an approval can pass, deactivation then deletion after the quarantine), why (each finding with its
 * evidence), and how to object. The same text is the e-mail body and the webhook's {@code text}.
 */
public final class DigestText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final NotifierSettings settings;

    public DigestText(NotifierSettings settings) {
        this.settings = settings;
    }

    public String subject(Digest digest) {
        int n = digest.candidates().size();
        String clients = n == 1 ? "1 OAuth client" : n + " OAuth clients";
        return digest.recipient().viaFallback()
                ? "[oauthgov] " + clients + " without a reachable owner " + (n == 1 ? "is" : "are") + " proposed for deletion"
                : "[oauthgov] " + clients + " you own " + (n == 1 ? "is" : "are") + " proposed for deletion";
    }

    /** The first moment an approval to delete can pass the gate, as this notice starts the notice period. */
    public Instant approvableFrom(DeletionCandidate candidate, Instant noticedAt) {
        Instant afterNotice = noticedAt.plus(settings.noticePeriod());
        return afterNotice.isAfter(candidate.getEligibleAt()) ? afterNotice : candidate.getEligibleAt();
    }

    public String body(Digest digest) {
        StringBuilder text = new StringBuilder();
        Recipient recipient = digest.recipient();
        text.append("Hello ").append(recipient.owner() == null ? "security team" : recipient.owner()).append(",\n\n");
        if (recipient.viaFallback()) {
            text.append(recipient.owner() == null
                    ? "The integration registry names no owner for the OAuth clients below, so you are told instead.\n"
                    : "The owner (" + recipient.owner() + ") could not be reached, so you are told instead.\n");
        }
        text.append("oauthgov proposes to remove the OAuth clients below because nothing has used them. Nothing happens before\n")
                .append("the dates given; to keep a client, object before then.\n");
        int i = 0;
        for (DeletionCandidate c : digest.candidates()) {
            i++;
            text.append('\n').append(i).append(". ").append(c.getClientName()).append("  (client ").append(c.getClientId())
                    .append(", org ").append(c.getOrgId()).append(")\n");
            text.append("   What happens when:\n")
                    .append("     - eligible for deletion: ").append(WHEN.format(c.getEligibleAt())).append('\n')
                    .append("     - no approval to delete passes before: ").append(WHEN.format(approvableFrom(c, digest.createdAt()))).append('\n')
                    .append("     - once approved it is deactivated (reversible), and deleted ").append(settings.quarantine().toDays())
                    .append(" days later unless something uses it\n");
            text.append("   Why:\n");
            for (Finding finding : c.getReasons()) {
                text.append("     - ").append(finding.getTitle()).append(" (").append(finding.getSeverity()).append("): ")
                        .append(finding.getReason()).append('\n');
                Map<String, String> evidence = new TreeMap<>(finding.getEvidence());
                evidence.forEach((k, v) -> text.append("         ").append(k).append(": ").append(v.replace('\n', ' ')).append('\n'));
            }
            if (c.getLastUsedAt() != null) {
                text.append("     - last used: ").append(WHEN.format(c.getLastUsedAt())).append('\n');
            }
            text.append("   To object (keeps the client ").append(settings.snooze().toDays()).append(" days):\n")
                    .append("     oauthgov approve --reject ").append(c.getClientId()).append(" --org ").append(c.getOrgId())
                    .append(" --approver <you> --ticket <ref>\n");
            settings.approvalsUrl().ifPresent(url -> text.append("     or POST ").append(url.resolve("/approvals"))
                    .append(" {\"candidateId\": \"").append(c.getCandidateId()).append("\", \"fingerprint\": \"")
                    .append(c.getFingerprint()).append("\", \"decision\": \"REJECT\", \"approver\": ..., \"ticket\": ...}\n"));
            text.append("   candidate ").append(c.getCandidateId()).append(", fingerprint ").append(c.getFingerprint()).append('\n');
        }
        text.append("\n-- \noauthgov notifier, digest ").append(digest.digestId()).append(", ").append(WHEN.format(digest.createdAt())).append('\n');
        return text.toString();
    }
}
