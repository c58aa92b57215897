package io.oauthgov.notifier;

import io.oauthgov.schemas.contact.Contact;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the notifier needs to know besides Kafka and its channels.
 *
 * @param debounce a recipient's digest waits until their candidates have been quiet this long, so one collection's
 *                 run of changes becomes one message rather than one per client
 * @param maxWait a recipient whose candidates keep changing still gets their digest this long after the first
 * @param messagesPerMinute at most this many deliveries (e-mails and webhook calls together) a minute: a mass
 *                          proposal must not flood a mail relay or a chat channel
 * @param attempts tries per delivery before it counts as failed (transient failures only: a refusal fails at once)
 * @param firstBackoff the wait after the first failed try; doubled each time, at most {@code maxBackoff}
 * @param retryFailedAfter a digest that reached nobody, not even the fallback, is tried again this long after
 * @param ownerAbsentContact the policy's fallback contact per org ("*" for the rest): unowned clients, failed owners
 * @param noticePeriod the policy's noticeDays: the message says no approval passes before notice + this
 * @param quarantine the policy's quarantine: the message says how long a deactivated client is kept before deletion
 * @param snooze the policy's snooze: how long an objection keeps the client
 * @param approvalsUrl where {@code oauthgov approvals serve} listens, for the message's how-to-object; empty: CLI only
 */
public record NotifierSettings(Duration debounce, Duration maxWait, int messagesPerMinute, int attempts, Duration firstBackoff,
                               Duration maxBackoff, Duration retryFailedAfter, Map<String, Contact> ownerAbsentContact,
                               Duration noticePeriod, Duration quarantine, Duration snooze, Optional<URI> approvalsUrl) {
    public static final String ANY_ORG = "*";

    public NotifierSettings {
        Objects.requireNonNull(debounce, "debounce");
        Objects.requireNonNull(maxWait, "maxWait");
        if (messagesPerMinute < 1) {
            throw new IllegalArgumentException("messagesPerMinute must be at least 1");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(retryFailedAfter, "retryFailedAfter");
        ownerAbsentContact = Map.copyOf(ownerAbsentContact);
        Objects.requireNonNull(noticePeriod, "noticePeriod");
        Objects.requireNonNull(quarantine, "quarantine");
        Objects.requireNonNull(snooze, "snooze");
        Objects.requireNonNull(approvalsUrl, "approvalsUrl");
    }

    /** Defaults of a production notifier; the policy's values come from the caller. */
    public static NotifierSettings defaults(Map<String, Contact> ownerAbsentContact, Duration noticePeriod, Duration quarantine,
                                            Duration snooze) {
        return new NotifierSettings(Duration.ofMinutes(5), Duration.ofHours(1), 60, 5, Duration.ofSeconds(2),
                Duration.ofMinutes(1), Duration.ofHours(1), ownerAbsentContact, noticePeriod, quarantine, snooze, Optional.empty());
    }

    public Optional<Contact> fallbackFor(String orgId) {
        return Optional.ofNullable(ownerAbsentContact.getOrDefault(orgId, ownerAbsentContact.get(ANY_ORG)));
    }

    public NotifierSettings withDebounce(Duration newDebounce, Duration newMaxWait) {
        return new NotifierSettings(newDebounce, newMaxWait, messagesPerMinute, attempts, firstBackoff, maxBackoff, retryFailedAfter,
                ownerAbsentContact, noticePeriod, quarantine, snooze, approvalsUrl);
    }

    public NotifierSettings withRetries(int newAttempts, Duration newFirstBackoff, Duration newMaxBackoff) {
        return new NotifierSettings(debounce, maxWait, messagesPerMinute, newAttempts, newFirstBackoff, newMaxBackoff, retryFailedAfter,
                ownerAbsentContact, noticePeriod, quarantine, snooze, approvalsUrl);
    }

    public NotifierSettings withRateLimit(int newMessagesPerMinute) {
        return new NotifierSettings(debounce, maxWait, newMessagesPerMinute, attempts, firstBackoff, maxBackoff, retryFailedAfter,
                ownerAbsentContact, noticePeriod, quarantine, snooze, approvalsUrl);
    }

    public NotifierSettings withApprovalsUrl(URI url) {
        return new NotifierSettings(debounce, maxWait, messagesPerMinute, attempts, firstBackoff, maxBackoff, retryFailedAfter,
                ownerAbsentContact, noticePeriod, quarantine, snooze, Optional.of(url));
    }
}
