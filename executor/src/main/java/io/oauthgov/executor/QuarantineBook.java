package io.oauthgov.executor;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.QuarantinePhase;
import io.oauthgov.executor.control.RestoreRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The deactivated clients this executor watches, as committed to the compacted quarantine topic: loaded from it at
 * start, changed only after a transaction commits. Says which entries are due — their quarantine ended, or an
 * operator asked for a restore — and spaces out retries of an ending that failed. Entries in phase DEACTIVATING are
 * intents, not quarantines: they end when their approval, which comes back after a restart, is answered.
 */
final class QuarantineBook {
    /** An ending that failed this often is reported FAILED and left inactive for a person to decide. */
    static final int MAX_RELEASE_FAILURES = 3;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(10);

    /** An entry due for its ending, with the restore request that made it due early, if any. */
    record Due(QuarantineEntry entry, ControlCommand restore) {}

    private final Map<ClientKey, QuarantineEntry> entries = new HashMap<>();
    private final Set<ClientKey> releasing = new HashSet<>();
    private final Map<ClientKey, Integer> failures = new HashMap<>();
    private final Map<ClientKey, Instant> retryAt = new HashMap<>();

    void load(Map<ClientKey, QuarantineEntry> committed) {
        entries.putAll(committed);
    }

    /**
     * The committed table read again after partitions moved: quarantines another instance began or ended meanwhile
     * become this book's too. An entry being released here stays as it is; its commit updates it.
     */
    void reload(Map<ClientKey, QuarantineEntry> committed) {
        entries.keySet().removeIf(key -> !committed.containsKey(key) && !releasing.contains(key));
        committed.forEach((key, entry) -> {
            if (!releasing.contains(key)) {
                entries.put(key, entry);
            }
        });
    }

    /** A committed entry: a quarantine begun, or an intent (its phase says which). */
    void started(QuarantineEntry entry) {
        entries.put(new ClientKey(entry.getOrgId(), entry.getClientId()), entry);
    }

    void ended(ClientKey key) {
        entries.remove(key);
        releasing.remove(key);
        failures.remove(key);
        retryAt.remove(key);
    }

    Optional<QuarantineEntry> entry(ClientKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The DEACTIVATING intent an earlier run committed for this approval of this client, if any. */
    Optional<QuarantineEntry> deactivationIntent(ClientKey key, String approvalId) {
        return entry(key).filter(e -> e.getPhase() == QuarantinePhase.DEACTIVATING && e.getApprovalId().equals(approvalId));
    }

    int size() {
        return entries.size();
    }

    /** Whether an ending is with a lane right now. */
    boolean releasing() {
        return !releasing.isEmpty();
    }

    /** Entries to end now, marked as being released so they are handed out once. */
    List<Due> takeDue(Instant now, RestoreRequests restores, Predicate<QuarantineEntry> owned) {
        List<Due> due = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (entry.getPhase() == QuarantinePhase.DEACTIVATING || releasing.contains(key)
                    || now.isBefore(retryAt.getOrDefault(key, Instant.MIN)) || !owned.test(entry)) {
                return;
            }
            ControlCommand restore = restores.forQuarantine(entry.getOrgId(), entry.getClientId(), entry.getDeactivatedAt()).orElse(null);
            if (restore != null || !now.isBefore(entry.getReleaseAt())) {
                releasing.add(key);
                due.add(new Due(entry, restore));
            }
        });
        return due;
    }

    /**
     * The quarantines still open that {@code endable} says this instance could end (phase QUARANTINED; intents are
     * not quarantines), with the earliest moment one of them is due (a failed ending counts from its retry).
     */
    OpenQuarantines open(Predicate<QuarantineEntry> endable) {
        int count = 0;
        Instant nextDue = null;
        for (Map.Entry<ClientKey, QuarantineEntry> e : entries.entrySet()) {
            QuarantineEntry entry = e.getValue();
            if (entry.getPhase() == QuarantinePhase.DEACTIVATING || !endable.test(entry)) {
                continue;
            }
            count++;
            Instant due = entry.getReleaseAt();
            Instant retry = retryAt.get(e.getKey());
            if (retry != null && retry.isAfter(due)) {
                due = retry;
            }
            if (nextDue == null || due.isBefore(nextDue)) {
                nextDue = due;
            }
        }
        return new OpenQuarantines(count, nextDue);
    }

    /** An ending failed; true when it has failed too often and must be reported instead of retried. */
    boolean failed(ClientKey key, Instant now) {
        releasing.remove(key);
        int count = failures.merge(key, 1, Integer::sum);
        retryAt.put(key, now.plus(RETRY_PAUSE.multipliedBy(count)));
        return count >= MAX_RELEASE_FAILURES;
    }

    /** A release handed out but abandoned (shutdown, lost partition): hand it out again later. */
    void abandoned(ClientKey key) {
        releasing.remove(key);
    }
}
