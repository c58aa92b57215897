package io.oauthgov.schemas.contact;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a notice can be sent: one e-mail address or one http(s) webhook. The registry's contact columns, the policy's
 * {@code ownerAbsentContact} and the notifier all read contacts through {@link #parse}, so what the registry import
 * accepts is exactly what the notifier can deliver to.
 */
public sealed interface Contact {

    /** The text as it is stored (registry field, policy value). */
    String address();

    /**
     * What may be shown in topics, logs, rejections and reports: an e-mail address as it is, a webhook as scheme and
     * host only, because chat webhooks carry their credential in the path (hooks.slack.com/services/T/B/SECRET).
     */
    String shown();

    /** An e-mail address (the common {@code local@domain.tld} form; no display names, no lists). */
    record Email(String address) implements Contact {
        @Override
        public String shown() {
            return address;
        }
    }

    /** A webhook that takes a JSON POST: a chat channel's incoming webhook or any receiver. */
    record Webhook(URI uri) implements Contact {
        @Override
        public String address() {
            return uri.toString();
        }

        @Override
        public String shown() {
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
        }
    }

    /** Deliberately plain: one address, letters, digits and the usual punctuation, a dotted domain. */
    Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    /**
     * @return the contact, or the reason the text is not one (a message a person can act on)
     * @throws InvalidContactException when the text is neither an e-mail address nor an http(s) URL
     */
    static Contact parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            throw new InvalidContactException("is empty; expected an e-mail address or an https:// webhook URL");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            try {
                URI uri = new URI(value);
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    throw new InvalidContactException("'" + value + "' is a URL without a host");
                }
                return new Webhook(uri);
            } catch (URISyntaxException e) {
                throw new InvalidContactException("'" + value + "' is not a valid URL: " + e.getReason());
            }
        }
        if (!EMAIL.matcher(value).matches()) {
            throw new InvalidContactException("'" + value + "' is not an e-mail address (name@example.com) nor an https:// webhook URL");
        }
        return new Email(value);
    }

    /** @return the e-mail address, or why it is not one */
    static Email email(String text) {
        Contact contact = parse(text);
        if (contact instanceof Email email) {
            return email;
        }
        throw new InvalidContactException("'" + text.trim() + "' is not an e-mail address (name@example.com)");
    }

    /** @return the webhook, or why it is not one */
    static Webhook webhook(String text) {
        Contact contact = parse(text);
        if (contact instanceof Webhook webhook) {
            return webhook;
        }
        throw new InvalidContactException("'" + text.trim() + "' is not an http(s) webhook URL");
    }

    /** Null or blank means "not given". */
    static Optional<Contact> optional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(parse(text));
    }

    /** The text is not a contact; the message says what was expected. */
    final class InvalidContactException extends IllegalArgumentException {
        public InvalidContactException(String message) {
            super(message);
        }
    }
}
