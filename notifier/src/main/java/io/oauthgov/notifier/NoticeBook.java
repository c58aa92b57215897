package io.oauthgov.notifier;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.IntegrationRecordType;
import io.oauthgov.avro.Notice;
import io.oauthgov.schemas.contact.Contact;
import io.oauthgov.schemas.topics.OrgWide;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the notifier knows: the open candidates, each client's registry entry and the latest notice per client (the
 * compacted topics, read from the beginning at start). A candidate is pending while no notice names its candidate id:
 * that is what makes a restart send nothing twice, since the notices of every digest sent are committed before the
 * next one goes out. Pending candidates are grouped by recipient into one digest each.
 */
final class NoticeBook {
    /** Candidates that cannot be announced to anyone: no owner contact and no fallback in the policy. */
    record Undeliverable(ClientKey key, DeletionCandidate candidate, String reason) {}

    private final NotifierSettings settings;
    private final Map<ClientKey, DeletionCandidate> candidates = new HashMap<>();
    private final Map<ClientKey, IntegrationRecord> integrations = new HashMap<>();
    private final Map<ClientKey, Notice> notices = new HashMap<>();
    /** When the notifier first saw each pending candidate id: the debounce measures quiet from the latest of a recipient. */
    private final Map<String, Instant> seenAt = new HashMap<>();
    /** Candidate ids whose digest reached nobody: not tried again before then. */
    private final Map<String, Instant> failedUntil = new HashMap<>();
    /** Candidate ids already reported undeliverable since start: one rejection each, not one per loop. */
    private final Set<String> reportedUndeliverable = new HashSet<>();

    NoticeBook(NotifierSettings settings) {
        this.settings = settings;
    }

    void candidate(ClientKey key, DeletionCandidate candidate, Instant now) {
        if (key == null || OrgWide.isOrgWide(key)) {
            return;
        }
        if (candidate == null) {
            DeletionCandidate gone = candidates.remove(key);
            if (gone != null) {
                seenAt.remove(gone.getCandidateId());
            }
            return;
        }
        candidates.put(key, candidate);
        seenAt.putIfAbsent(candidate.getCandidateId(), now);
    }

    void integration(ClientKey key, IntegrationRecord record) {
        if (key == null || record == null || record.getRecordType() == IntegrationRecordType.IMPORT_MARKER) {
            return; // a bare tombstone changes nothing (the analyzer's rule); the marker is org-wide
        }
        if (record.getRecordType() == IntegrationRecordType.REMOVAL) {
            integrations.remove(key);
        } else {
            integrations.put(key, record);
        }
    }

    void notice(ClientKey key, Notice notice) {
        if (key != null && notice != null) {
            notices.put(key, notice);
        }
    }

    void failed(List<DeletionCandidate> failed, Instant now) {
        failed.forEach(c -> failedUntil.put(c.getCandidateId(), now.plus(settings.retryFailedAfter())));
    }

    boolean pending(ClientKey key, DeletionCandidate candidate) {
        Notice notice = notices.get(key);
        return notice == null || !notice.getCandidateId().equals(candidate.getCandidateId());
    }

    /** Whom to tell about a client: the owner's contacts, else the org's fallback contact; empty when nobody. */
    Optional<Recipient> recipientOf(ClientKey key) {
        IntegrationRecord entry = integrations.get(key);
        if (entry != null && (entry.getContactEmail() != null || entry.getChatWebhook() != null)) {
            return Optional.of(new Recipient(entry.getOwner(),
                    Optional.ofNullable(entry.getContactEmail()).map(Contact::email),
                    Optional.ofNullable(entry.getChatWebhook()).map(Contact::webhook),
                    Optional.ofNullable(entry.getEscalationContact()).map(Contact::parse), false));
        }
        String owner = entry == null ? null : entry.getOwner();
        return settings.fallbackFor(key.getOrgId()).map(contact -> Recipient.standIn(owner, contact));
    }

    /** Where a recipient that failed for good is escalated to: its escalation contact, else the org's fallback. */
    Optional<Recipient> escalationOf(Digest failed) {
        Recipient recipient = failed.recipient();
        if (recipient.escalation().isPresent()) {
            return recipient.escalation().map(contact -> Recipient.standIn(recipient.owner(), contact));
        }
        if (recipient.viaFallback()) {
            return Optional.empty(); // the fallback itself failed: nobody further to tell
        }
        String org = failed.candidates().get(0).getOrgId();
        return settings.fallbackFor(org).map(contact -> Recipient.standIn(recipient.owner(), contact));
    }

    /**
     * The digests due now: per recipient, every pending candidate, once the recipient's candidates have been quiet
     * for the debounce window (or have waited {@code maxWait}); all of them at once when {@code flush}.
     */
    List<Digest> due(Instant now, boolean flush) {
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        Map<String, List<DeletionCandidate>> byRecipient = new LinkedHashMap<>();
        candidates.entrySet().stream().sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(DeletionCandidate::getCandidateId)))
                .forEach(e -> {
                    DeletionCandidate c = e.getValue();
                    if (!pending(e.getKey(), c) || now.isBefore(failedUntil.getOrDefault(c.getCandidateId(), Instant.MIN))) {
                        return;
                    }
                    recipientOf(e.getKey()).ifPresent(r -> {
                        recipients.putIfAbsent(r.groupKey(), r);
                        byRecipient.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(c);
                    });
                });
        List<Digest> due = new ArrayList<>();
        byRecipient.forEach((group, list) -> {
            Instant first = list.stream().map(c -> seenAt.getOrDefault(c.getCandidateId(), now)).min(Instant::compareTo).orElse(now);
            Instant last = list.stream().map(c -> seenAt.getOrDefault(c.getCandidateId(), now)).max(Instant::compareTo).orElse(now);
            boolean quiet = !now.isBefore(last.plus(settings.debounce()));
            boolean waitedLongEnough = !now.isBefore(first.plus(settings.maxWait()));
            if (flush || quiet || waitedLongEnough) {
                due.add(Digest.of(recipients.get(group), list, now));
            }
        });
        return due;
    }

    /** Pending candidates nobody can be told about, each reported once. */
    List<Undeliverable> newlyUndeliverable() {
        List<Undeliverable> found = new ArrayList<>();
        candidates.forEach((key, c) -> {
            if (pending(key, c) && recipientOf(key).isEmpty() && reportedUndeliverable.add(c.getCandidateId())) {
                IntegrationRecord entry = integrations.get(key);
                found.add(new Undeliverable(key, c, (entry == null ? "client " + key.getClientId() + " is not in the integration registry"
                        : "owner " + entry.getOwner() + " of client " + key.getClientId() + " has no contactEmail or chatWebhook")
                        + " and the policy names no ownerAbsentContact for org " + key.getOrgId()
                        + "; nobody can be told, so approvals to delete it stay NOTICE_PENDING"));
            }
        });
        return found;
    }

    /** Candidates not yet told to anyone (undeliverable and waiting ones included). */
    long pendingCount() {
        return candidates.entrySet().stream().filter(e -> pending(e.getKey(), e.getValue())).count();
    }

    /** Whether a digest is waiting for its debounce or a retry (the once mode waits for nothing and stops). */
    boolean anyDeliverablePending(Instant now) {
        return candidates.entrySet().stream().anyMatch(e -> pending(e.getKey(), e.getValue()) && recipientOf(e.getKey()).isPresent()
                && !now.isBefore(failedUntil.getOrDefault(e.getValue().getCandidateId(), Instant.MIN)));
    }
}
