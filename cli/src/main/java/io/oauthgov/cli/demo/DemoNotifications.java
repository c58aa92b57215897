package io.oauthgov.cli.demo;

import com.sun.net.httpserver.HttpServer;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.cli.notify.LocalMailServer;
import io.oauthgov.notifier.NotifierApp;
import io.oauthgov.notifier.NotifierSettings;
import io.oauthgov.notifier.NotifierStats;
import io.oauthgov.notifier.WebhookPayload;
import io.oauthgov.notifier.channel.MailChannel;
import io.oauthgov.notifier.channel.WebhookChannel;
import io.oauthgov.schemas.signature.BodySignature;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo's owners' side of the notifier: an in-process SMTP server (GreenMail) and a chat webhook receiver that
 * checks each call's HMAC signature, so every message the notifier sends can be read afterwards in
 * {@code REPORT/notifications/} (one {@code .eml} per e-mail, one {@code .json} per webhook body).
 */
final class DemoNotifications implements AutoCloseable {
    static final String DIR = "notifications";
    /** Told about clients the registry names no owner for. */
    static final String FALLBACK = "security-team@example.test";

    /** One message the notifier sent, as the report lists it. */
    record Message(String file, String channel, String recipient, String subject, String digestId, boolean signatureValid) {}

    private record Call(String path, byte[] body, String timestamp, String signature, String digestId) {}

    private final LocalMailServer smtp;
    private final HttpServer webhooks;
    private final byte[] webhookKey = new byte[32];
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    DemoNotifications() throws IOException {
        new SecureRandom().nextBytes(webhookKey);
        smtp = LocalMailServer.start(0);
        webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhooks.createContext("/hooks/", exchange -> {
            calls.add(new Call(exchange.getRequestURI().getPath(), exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst(BodySignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(BodySignature.SIGNATURE_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookChannel.DIGEST_HEADER)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhooks.start();
    }

    /** Where the simulated owners' chat webhooks live (the registry CSV names one per owner a..m). */
    URI webhookBase() {
        return URI.create("http://127.0.0.1:" + webhooks.getAddress().getPort() + "/hooks/");
    }

    /** The demo policy's notice settings with the fallback contact for unowned clients. */
    static Policy withFallback(Policy policy) {
        return policy.withNotice(new io.oauthgov.analyzer.policy.NoticeSettings(policy.notice().period(),
                java.util.Map.of(io.oauthgov.analyzer.policy.NoticeSettings.ANY_ORG, io.oauthgov.schemas.contact.Contact.parse(FALLBACK))));
    }

    /** Runs the notifier once over everything proposed so far: every owner gets their digest. */
    NotifierStats tell(EmbeddedEnvironment environment, Policy policy) throws InterruptedException {
        NotifierSettings settings = NotifierSettings.defaults(policy.notice().ownerAbsentContact(), policy.notice().period(),
                policy.quarantine(), policy.snooze()).withRateLimit(6_000);
        try (NotifierApp notifier = NotifierApp.start(new NotifierApp.Config(environment.topics(), environment.clientConfigs(),
                "oauthgov-demo-notifier", settings,
                Optional.of(new MailChannel.Config(LocalMailServer.HOST, smtp.port(), "oauthgov@example.test",
                        MailChannel.Security.NONE, Optional.empty(), Optional.empty())),
                Optional.of(new WebhookChannel.Config(WebhookPayload.Format.JSON, Optional.of(webhookKey), Duration.ofSeconds(5))),
                true, Clock.systemUTC()))) {
            if (!notifier.awaitStopped(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the demo's notifier did not finish within 2 minutes");
            }
            return notifier.stats();
        }
    }

    /** Writes every received e-mail and webhook body under {@code reportDir/notifications}. */
    List<Message> write(Path reportDir) throws IOException, MessagingException {
        Path dir = Files.createDirectories(reportDir.resolve(DIR));
        List<Message> written = new ArrayList<>();
        for (MimeMessage mail : smtp.received()) {
            String digestId = mail.getHeader("X-Oauthgov-Digest-Id", null);
            String file = LocalMailServer.save(mail, dir, digestId);
            written.add(new Message(DIR + "/" + file, "EMAIL", LocalMailServer.recipient(mail), mail.getSubject(), digestId, true));
        }
        for (Call call : calls) {
            String owner = call.path().substring(call.path().lastIndexOf('/') + 1);
            String file = call.digestId() + "-" + owner + ".json";
            Files.write(dir.resolve(file), call.body());
            boolean valid = BodySignature.problem(webhookKey, call.timestamp(), call.signature(), call.body(), Instant.now()) == null;
            String text = new com.fasterxml.jackson.databind.ObjectMapper().readTree(call.body()).path("text").asText();
            written.add(new Message(DIR + "/" + file, "WEBHOOK", "chat webhook of " + owner, text.lines().findFirst().orElse(""),
                    call.digestId(), valid));
        }
        return written;
    }

    @Override
    public void close() {
        webhooks.stop(0);
        smtp.close();
    }
}
