package io.oauthgov.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Criticality;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.Notice;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.Severity;
import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.notifier.channel.MailChannel;
import io.oauthgov.notifier.channel.WebhookChannel;
import io.oauthgov.schemas.contact.Contact;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.signature.BodySignature;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier on a real broker, with GreenMail as the SMTP server and a JDK HTTP server as the chat webhook: one
 * digest per owner and run of changes holding every one of their candidates, unowned clients told to the fallback
 * contact, nothing sent twice after a restart, a refused owner escalated to the fallback and recorded as rejected.
 * Each test uses its own org, so the tests share one broker and its topics.
 */
class NotifierAppIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final byte[] WEBHOOK_KEY = "webhook-key-for-tests".getBytes(StandardCharsets.UTF_8);
    private static final Instant ELIGIBLE = Instant.parse("2026-11-20T00:00:00Z");

    private static EmbeddedKafkaBroker broker;
    private static Topics topics;
    private static Map<String, Object> clientConfigs;
    private static HttpServer webhooks;
    private static final List<Received> received = new CopyOnWriteArrayList<>();

    private GreenMail smtp;
    private NotifierApp notifier;

    record Received(String path, String body, String timestamp, String signature, String digestId) {}

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        topics = Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry()));
        clientConfigs = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(clientConfigs)) {
            new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
        }
        webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhooks.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst(BodySignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(BodySignature.SIGNATURE_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookChannel.DIGEST_HEADER)));
            int status = exchange.getRequestURI().getPath().startsWith("/gone") ? 410 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhooks.start();
    }

    @AfterAll
    static void stopBroker() {
        webhooks.stop(0);
        broker.close();
    }

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        smtp.stop();
    }

    @Test
    void eachOwnerGetsExactlyOneDigestPerRunWithEveryOneOfTheirCandidatesAndUnownedClientsGoToTheFallback() throws Exception {
        String org = "org-digest";
        publish(topics.integrations(), key(org, "c-1"), owned(org, "c-1", "payments", "payments@example.com", null));
        publish(topics.integrations(), key(org, "c-2"), owned(org, "c-2", "payments", "payments@example.com", null));
        publish(topics.integrations(), key(org, "c-3"), owned(org, "c-3", "bi", null, webhook("/bi")));
        for (String client : List.of("c-1", "c-2", "c-3", "c-unowned")) {
            publish(topics.candidates(), key(org, client), candidate(org, client));
        }

        notifier = NotifierApp.start(config(Map.of(org, Contact.parse("security@example.com")), false));

        await().atMost(DEADLINE).until(() -> notifier.stats().digestsSent() == 3);
        MimeMessage payments = onlyMessageTo("payments@example.com");
        String paymentsBody = (String) payments.getContent();
        assertThat(paymentsBody).as("one digest holds both of the owner's clients")
                .contains("client c-1", "client c-2").doesNotContain("client c-3", "client c-unowned")
                .contains("Unused for 200 days", "lastUsedAt: 2026-05-01", "oauthgov approve --reject c-1 --org " + org)
                .contains("no approval to delete passes before");
        assertThat(payments.getHeader("Message-ID")[0]).startsWith("<digest-");
        MimeMessage fallback = onlyMessageTo("security@example.com");
        assertThat((String) fallback.getContent()).contains("client c-unowned", "names no owner").doesNotContain("client c-1");
        List<Received> bi = receivedAt("/bi");
        assertThat(bi).as("the webhook owner's digest").hasSize(1);
        assertThat(bi.get(0).body()).contains("\"clientId\":\"c-3\"").doesNotContain("c-1");
        assertThat(BodySignature.problem(WEBHOOK_KEY, bi.get(0).timestamp(), bi.get(0).signature(),
                bi.get(0).body().getBytes(StandardCharsets.UTF_8), Instant.now())).as("signed with the webhook key").isNull();

        Map<String, Notice> notices = noticesOf(org);
        assertThat(notices).containsOnlyKeys("c-1", "c-2", "c-3", "c-unowned");
        assertThat(notices.get("c-1").getDigestId()).isEqualTo(notices.get("c-2").getDigestId());
        assertThat(notices.get("c-unowned").getViaFallback()).isTrue();
        assertThat(notices.get("c-unowned").getRecipient()).isEqualTo("security@example.com");
        assertThat(notices.get("c-3").getRecipient()).as("a webhook's path is never in a topic").doesNotContain("/bi");

        // A later run of changes: only the new candidate, in a digest of its own.
        publish(topics.integrations(), key(org, "c-4"), owned(org, "c-4", "payments", "payments@example.com", null));
        publish(topics.candidates(), key(org, "c-4"), candidate(org, "c-4"));

        await().atMost(DEADLINE).until(() -> messagesTo("payments@example.com").size() == 2);
        assertThat((String) messagesTo("payments@example.com").get(1).getContent()).contains("client c-4").doesNotContain("client c-1");
    }

    @Test
    void aRestartedNotifierSendsNothingTwiceAndOnlyWhatIsNew() throws Exception {
        String org = "org-restart";
        publish(topics.integrations(), key(org, "c-1"), owned(org, "c-1", "ops", "ops@example.com", webhook("/ops")));
        publish(topics.candidates(), key(org, "c-1"), candidate(org, "c-1"));
        notifier = NotifierApp.start(config(Map.of(), false));
        await().atMost(DEADLINE).until(() -> messagesTo("ops@example.com").size() == 1 && receivedAt("/ops").size() == 1);
        notifier.close();

        notifier = NotifierApp.start(config(Map.of(), false));
        assertThat(notifier.awaitReady(DEADLINE)).isTrue();
        publish(topics.integrations(), key(org, "c-2"), owned(org, "c-2", "ops", "ops@example.com", webhook("/ops")));
        publish(topics.candidates(), key(org, "c-2"), candidate(org, "c-2"));

        await().atMost(DEADLINE).until(() -> messagesTo("ops@example.com").size() == 2);
        assertThat((String) messagesTo("ops@example.com").get(1).getContent()).as("after the restart only the new candidate")
                .contains("client c-2").doesNotContain("client c-1");
        await().atMost(DEADLINE).until(() -> receivedAt("/ops").size() == 2);
        assertThat(notifier.stats().digestsSent()).as("the restarted notifier sent one digest, not two").isEqualTo(1);
    }

    @Test
    void anOwnerWhoseWebhookRefusesIsEscalatedToTheFallbackAndTheFailureIsRecordedAsRejected() throws Exception {
        String org = "org-refused";
        publish(topics.integrations(), key(org, "c-1"), owned(org, "c-1", "legacy", null, webhook("/gone")));
        publish(topics.candidates(), key(org, "c-1"), candidate(org, "c-1"));

        notifier = NotifierApp.start(config(Map.of(org, Contact.parse("it-security@example.com")), true));

        assertThat(notifier.awaitStopped(DEADLINE)).as("once: sends what is due, then stops").isTrue();
        assertThat(receivedAt("/gone")).as("a refusal (410) is not retried").hasSize(1);
        assertThat((String) onlyMessageTo("it-security@example.com").getContent()).contains("The owner (legacy) could not be reached");
        Notice notice = noticesOf(org).get("c-1");
        assertThat(notice.getViaFallback()).isTrue();
        assertThat(notice.getOwner()).isEqualTo("legacy");
        List<Rejection> rejections = rejectionsOf(org);
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo(RejectionReason.UNDELIVERABLE);
            assertThat(r.getDetail()).contains("HTTP 410", "told it-security@example.com instead").doesNotContain("/gone");
        });
    }

    @Test
    void aClientNobodyCanBeToldAboutIsRejectedUndeliverableAndGetsNoNotice() throws Exception {
        String org = "org-nobody";
        publish(topics.candidates(), key(org, "c-1"), candidate(org, "c-1"));

        notifier = NotifierApp.start(config(Map.of(), true));

        assertThat(notifier.awaitStopped(DEADLINE)).isTrue();
        assertThat(noticesOf(org)).isEmpty();
        assertThat(rejectionsOf(org)).singleElement().satisfies(r -> assertThat(r.getDetail())
                .contains("not in the integration registry", "no ownerAbsentContact", "NOTICE_PENDING"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private NotifierApp.Config config(Map<String, Contact> fallback, boolean once) {
        NotifierSettings settings = NotifierSettings.defaults(fallback, Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30))
                .withDebounce(Duration.ofMillis(500), Duration.ofSeconds(5))
                .withRetries(3, Duration.ofMillis(50), Duration.ofMillis(200))
                .withRateLimit(600)
                .withApprovalsUrl(URI.create("http://approvals.example.com:8443"));
        return new NotifierApp.Config(topics, clientConfigs, NotifierApp.Config.DEFAULT_TRANSACTIONAL_ID, settings,
                Optional.of(new MailChannel.Config("127.0.0.1", smtp.getSmtp().getPort(), "oauthgov@example.com",
                        MailChannel.Security.NONE, Optional.empty(), Optional.empty())),
                Optional.of(new WebhookChannel.Config(WebhookPayload.Format.JSON, Optional.of(WEBHOOK_KEY), Duration.ofSeconds(5))),
                once, Clock.systemUTC());
    }

    private List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private MimeMessage onlyMessageTo(String address) {
        List<MimeMessage> messages = messagesTo(address);
        assertThat(messages).as("messages to " + address).hasSize(1);
        return messages.get(0);
    }

    private static List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static String webhook(String path) {
        return "http://127.0.0.1:" + webhooks.getAddress().getPort() + path;
    }

    private static Map<String, Notice> noticesOf(String org) {
        Map<String, Notice> latest = new java.util.HashMap<>();
        TopicLogReader.readAll(topics.notices(), clientConfigs, Duration.ofSeconds(30)).stream()
                .filter(e -> e.key().getOrgId().equals(org)).forEach(e -> latest.put(e.key().getClientId(), e.value()));
        return latest;
    }

    private static List<Rejection> rejectionsOf(String org) {
        return TopicLogReader.readAll(topics.rejected(), clientConfigs, Duration.ofSeconds(30)).stream()
                .filter(e -> e.key() != null && e.key().getOrgId().equals(org)).map(TopicLogReader.Entry::value).toList();
    }

    private static ClientKey key(String org, String client) {
        return new ClientKey(org, client);
    }

    private static IntegrationRecord owned(String org, String client, String owner, String email, String webhook) {
        return IntegrationRecord.newBuilder().setOrgId(org).setClientId(client).setOwner(owner).setSystem("sys")
                .setCriticality(Criticality.LOW).setUpdatedAt(Instant.now()).setContactEmail(email).setChatWebhook(webhook).build();
    }

    private static DeletionCandidate candidate(String org, String client) {
        Finding stale = Finding.newBuilder().setRuleId("stale-unused").setTitle("Stale client")
                .setReason("Unused for 200 days (stale window 180 days)").setSeverity(Severity.MEDIUM)
                .setEvidence(Map.of("lastUsedAt", "2026-05-01T00:00:00Z")).build();
        return DeletionCandidate.newBuilder().setCandidateId(org + "/" + client + "/0123456789abcdef").setOrgId(org).setClientId(client)
                .setClientName("integration " + client).setFingerprint("f".repeat(64)).setReasons(List.of(stale))
                .setLastUsedAt(Instant.parse("2026-05-01T00:00:00Z")).setStaleSince(Instant.parse("2026-11-06T00:00:00Z"))
                .setEligibleAt(ELIGIBLE).setDecidedAt(Instant.now()).setPolicyId("default").setPolicyVersion("1").build();
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> void publish(Topic<K, V> topic, K key, V value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(TransactionalPublisher.safeProducerConfigs(clientConfigs),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(topic.record(key, value)).get();
        }
    }
}
