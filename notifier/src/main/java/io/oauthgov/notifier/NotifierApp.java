package io.oauthgov.notifier;

import io.oauthgov.notifier.channel.MailChannel;
import io.oauthgov.notifier.channel.WebhookChannel;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the notifier as a stage: tells each owner, in one digest per run of changes, which of their OAuth clients are
 * proposed for deletion, what happens when, why and how to object, and publishes the notices the approval gate waits
 * for. The CLI ({@code oauthgov notify}), the demo and the tests start notifiers only through here.
 */
public final class NotifierApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierApp.class);

    private final NoticeLoop loop;
    private final Thread worker;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Throwable failure;

    private NotifierApp(Config config) {
        DigestText text = new DigestText(config.settings());
        RateLimit.Pause pause = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        Delivery delivery = new Delivery(config.mail().map(m -> new MailChannel(m, text)),
                config.webhook().map(w -> new WebhookChannel(w, text, config.clock())), config.settings(),
                new RateLimit(config.settings().messagesPerMinute(), config.clock(), pause), pause);
        this.loop = new NoticeLoop(config.topics(), config.clientConfigs(), config.transactionalId(), config.settings(), delivery,
                text, config.clock(), config.once());
        this.worker = new Thread(this::run, "oauthgov-notifier");
        LOG.info("notifier: {}, {}", config.mail().map(Object::toString).orElse("no SMTP"),
                config.webhook().map(Object::toString).orElse("no webhooks"));
    }

    public static NotifierApp start(Config config) {
        NotifierApp app = new NotifierApp(config);
        app.worker.start();
        return app;
    }

    private void run() {
        try {
            loop.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("the notifier stopped", e);
            failure = e;
        } finally {
            finished.countDown();
        }
    }

    /** Waits until the initial read is done (from then on due digests go out); false on timeout or stop. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (loop.caughtUp()) {
                return true;
            }
            if (finished.await(50, TimeUnit.MILLISECONDS)) {
                return loop.caughtUp();
            }
        }
        return loop.caughtUp();
    }

    /** Waits until it stopped (once mode: after the due digests went out). @return false on timeout */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        boolean stopped = finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (stopped && failure != null) {
            throw new IllegalStateException("the notifier stopped: " + failure.getMessage(), failure);
        }
        return stopped;
    }

    public boolean alive() {
        return finished.getCount() > 0;
    }

    public NotifierStats stats() {
        return loop.stats();
    }

    @Override
    public void close() {
        loop.stop();
        try {
            if (!finished.await(60, TimeUnit.SECONDS)) {
                worker.interrupt();
                finished.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param transactionalId the notices' transactional id: one notifier per cluster (a second one fences the first)
     * @param mail the SMTP server, empty when owners are told by webhook only
     * @param webhook how webhooks are called, empty when owners are told by e-mail only
     * @param once send what is due now (ignoring the debounce) and stop, as a scheduled job or the demo does
     */
    public record Config(Topics topics, Map<String, Object> clientConfigs, String transactionalId, NotifierSettings settings,
                         Optional<MailChannel.Config> mail, Optional<WebhookChannel.Config> webhook, boolean once, Clock clock) {
        public static final String DEFAULT_TRANSACTIONAL_ID = "oauthgov-notifier";

        public Config {
            Objects.requireNonNull(topics, "topics");
            clientConfigs = Map.copyOf(clientConfigs);
            Objects.requireNonNull(transactionalId, "transactionalId");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(mail, "mail");
            Objects.requireNonNull(webhook, "webhook");
            if (mail.isEmpty() && webhook.isEmpty()) {
                throw new IllegalArgumentException("the notifier needs an SMTP server or webhooks to tell anyone");
            }
            Objects.requireNonNull(clock, "clock");
        }
    }
}
