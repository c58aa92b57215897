package io.oauthgov.notifier.channel;

/**
 * A delivery did not go through. Permanent: the receiver refused (an unknown address, 4xx from a webhook, bad SMTP
 * credentials), trying again cannot help. Otherwise transient (connection refused, timeout, 5xx, 429): worth a retry.
 * The message never holds a secret (no passwords, no webhook paths).
 */
public final class DeliveryException extends Exception {
    private final boolean permanent;

    public DeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
