package io.oauthgov.notifier.channel;

import io.oauthgov.notifier.Digest;
import io.oauthgov.notifier.DigestText;
import io.oauthgov.notifier.WebhookPayload;
import io.oauthgov.schemas.contact.Contact;
import io.oauthgov.schemas.signature.BodySignature;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON POST to a webhook, signed with HMAC-SHA256 over timestamp and body ({@link BodySignature}) when a key is
 * configured, so the receiver can tell the notifier's calls from anyone else's. 2xx is delivered; 408, 429 and 5xx
 * are worth a retry; any other status is a refusal.
 */
public final class WebhookChannel {

    /** @param key the HMAC key, from a file or the environment only; empty sends unsigned (e.g. Slack, which cannot check) */
    public record Config(WebhookPayload.Format format, Optional<byte[]> key, Duration timeout) {
        public Config {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String toString() {
            return "webhook " + format + (key.isPresent() ? " signed (key ****)" : " unsigned");
        }
    }

    public static final String DIGEST_HEADER = "X-Oauthgov-Digest-Id";

    private final Config config;
    private final DigestText text;
    private final Clock clock;
    private final HttpClient http;

    public WebhookChannel(Config config, DigestText text, Clock clock) {
        this.config = config;
        this.text = text;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    public void send(Digest digest, Contact.Webhook to) throws DeliveryException {
        byte[] body = WebhookPayload.of(digest, text, config.format());
        Instant now = clock.instant();
        HttpRequest.Builder request = HttpRequest.newBuilder(to.uri()).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header(DIGEST_HEADER, digest.digestId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.key().ifPresent(key -> request.header(BodySignature.TIMESTAMP_HEADER, BodySignature.timestamp(now))
                .header(BodySignature.SIGNATURE_HEADER, BodySignature.sign(key, now, body)));
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryException("webhook " + to.shown() + " unreachable: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while calling webhook " + to.shown(), false);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        boolean retriable = status == 408 || status == 429 || status / 100 == 5;
        throw new DeliveryException("webhook " + to.shown() + " answered HTTP " + status, !retriable);
    }
}
