package io.oauthgov.notifier;

import io.oauthgov.schemas.contact.Contact;
import java.util.Objects;
import java.util.Optional;

/**
 * Who one digest goes to: an owner's e-mail address and/or chat webhook from the integration registry, or the
 * policy's fallback contact for an org's unowned clients.
 *
 * @param owner the registry's owner of the clients (null for clients the registry does not list)
 * @param escalation told when every channel of this recipient fails for good (the registry's escalationContact)
 * @param viaFallback true when this is the fallback contact rather than the owner's own
 */
public record Recipient(String owner, Optional<Contact.Email> email, Optional<Contact.Webhook> webhook,
                        Optional<Contact> escalation, boolean viaFallback) {

    public Recipient {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(escalation, "escalation");
        if (email.isEmpty() && webhook.isEmpty()) {
            throw new IllegalArgumentException("a recipient needs an e-mail address or a webhook");
        }
    }

    /** A single contact (a fallback or an escalation) standing in for the owner. */
    public static Recipient standIn(String owner, Contact contact) {
        return new Recipient(owner, contact instanceof Contact.Email e ? Optional.of(e) : Optional.empty(),
                contact instanceof Contact.Webhook w ? Optional.of(w) : Optional.empty(), Optional.empty(), true);
    }

    /** Groups candidates into one digest: the same contacts get one message. Holds webhook URLs: never shown. */
    String groupKey() {
        return (viaFallback ? "fallback|" : "owner|") + email.map(Contact::address).orElse("") + "|"
                + webhook.map(Contact::address).orElse("");
    }

    /** What topics, logs and reports may show: the e-mail address, else the webhook's host. */
    public String shown() {
        return email.map(Contact::shown).orElseGet(() -> webhook.orElseThrow().shown());
    }
}
