package io.oauthgov.notifier;

import io.oauthgov.notifier.channel.DeliveryException;
import io.oauthgov.notifier.channel.MailChannel;
import io.oauthgov.notifier.channel.WebhookChannel;
import io.oauthgov.schemas.contact.Contact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets one digest to one recipient: every channel the recipient has (e-mail, webhook), each try under the rate
 * limit, transient failures retried with exponential backoff, a refusal given up at once. The answer says which
 * channels carried it and what failed, so the caller can fall back and record the failures.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    /** @param channels EMAIL and/or WEBHOOK that carried the digest; @param failures one line per channel that did not */
    record Result(List<String> channels, List<String> failures) {
        boolean delivered() {
            return !channels.isEmpty();
        }
    }

    private final Optional<MailChannel> mail;
    private final Optional<WebhookChannel> webhook;
    private final NotifierSettings settings;
    private final RateLimit rateLimit;
    private final RateLimit.Pause pause;

    Delivery(Optional<MailChannel> mail, Optional<WebhookChannel> webhook, NotifierSettings settings, RateLimit rateLimit,
             RateLimit.Pause pause) {
        this.mail = mail;
        this.webhook = webhook;
        this.settings = settings;
        this.rateLimit = rateLimit;
        this.pause = pause;
    }

    Result deliver(Digest digest) throws InterruptedException {
        List<String> channels = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Recipient to = digest.recipient();
        if (to.email().isPresent()) {
            attempt("EMAIL", to.email().get(), digest, channels, failures);
        }
        if (to.webhook().isPresent()) {
            attempt("WEBHOOK", to.webhook().get(), digest, channels, failures);
        }
        return new Result(List.copyOf(channels), List.copyOf(failures));
    }

    private void attempt(String channel, Contact contact, Digest digest, List<String> channels, List<String> failures)
            throws InterruptedException {
        if (channel.equals("EMAIL") && mail.isEmpty() || channel.equals("WEBHOOK") && webhook.isEmpty()) {
            failures.add(channel + " to " + contact.shown() + ": no " + (channel.equals("EMAIL") ? "SMTP server" : "webhook channel")
                    + " is configured for the notifier");
            return;
        }
        Duration backoff = settings.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            rateLimit.acquire();
            try {
                if (contact instanceof Contact.Email email) {
                    mail.get().send(digest, email);
                } else {
                    webhook.get().send(digest, (Contact.Webhook) contact);
                }
                channels.add(channel);
                return;
            } catch (DeliveryException e) {
                if (e.permanent() || attempt >= settings.attempts()) {
                    failures.add(channel + " to " + contact.shown() + " after " + attempt + " attempt(s): " + e.getMessage());
                    return;
                }
                LOG.info("digest {} to {} failed (attempt {} of {}), retrying in {}: {}", digest.digestId(), contact.shown(),
                        attempt, settings.attempts(), backoff, e.getMessage());
                pause.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }
}
