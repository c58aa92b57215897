package io.oauthgov.cli.approvals.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Notice;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.cli.demo.DemoStages;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.notifier.NotifierApp;
import io.oauthgov.notifier.NotifierSettings;
import io.oauthgov.notifier.channel.MailChannel;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.schemas.signature.BodySignature;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owners are told before anything happens, and approval systems answer over HTTP, on a real broker with the simulator,
 * the analyzer (shipped notice period: 7 days), the notifier (GreenMail as SMTP) and {@code approvals serve}:
 * a request with a bad signature gets 401 and never reaches Kafka; a valid one for a candidate whose owner was told
 * just now is published but refused NOTICE_PENDING at the gate; one whose owner was told eight days ago reaches
 * governance.deletions.approved; unknown candidates, stale fingerprints and bad JSON get 4xx and a rejection record.
 */
class NoticeAndHttpApprovalIT {
    private static final byte[] REQUEST_KEY = "servicenow-request-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void approvalsOverHttpPassTheGateOnlyWhenSignedAndOnlyAfterTheNoticePeriod(@TempDir Path dir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(60).seed(1717)
                     .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            DemoStages stages = new DemoStages(environment, simulator, 20_000);
            stages.importRegistry();
            stages.collect(line -> { });
            Policy sevenDaysNotice = DemoStages.demoPolicy().withNoticePeriod(Duration.ofDays(7));
            try (AnalyzerApp analyzer = stages.startAnalyzer(sevenDaysNotice, dir.resolve("state"))) {
                stages.awaitAnalyzer(DEADLINE);
                stages.confirmSurges();
                List<DeletionCandidate> open = TopicTableReader.readAll(environment.topics().candidates(), environment.clientConfigs(),
                        Duration.ofSeconds(30)).values().stream().sorted(Comparator.comparing(DeletionCandidate::getClientId)).toList();
                assertThat(open).as("the simulated org has candidates").hasSizeGreaterThanOrEqualTo(2);

                tellOwners(environment);
                stages.awaitAnalyzer(DEADLINE);
                java.util.Set<String> noticed = TopicTableReader.readAll(environment.topics().notices(), environment.clientConfigs(),
                        Duration.ofSeconds(30)).values().stream().map(Notice::getCandidateId).collect(java.util.stream.Collectors.toSet());
                DeletionCandidate toldNow = open.stream().filter(c -> noticed.contains(c.getCandidateId())).findFirst().orElseThrow();
                DeletionCandidate toldLastWeek = open.stream().filter(c -> c != toldNow).findFirst().orElseThrow();

                try (ApprovalsServer server = ApprovalsServer.start(new ApprovalsServer.Config(environment.topics(),
                        environment.clientConfigs(), "127.0.0.1", 0, Optional.of(REQUEST_KEY), Optional.empty(),
                        Optional.of(stages.approvalKey()), "servicenow", Clock.systemUTC()), DEADLINE)) {
                    int approvalsBefore = approvals(environment);

                    HttpResponse<String> forged = post(server, body(toldNow, "APPROVE"), "not-the-key-of-servicenow".getBytes(StandardCharsets.UTF_8));
                    assertThat(forged.statusCode()).isEqualTo(401);
                    assertThat(json.readTree(forged.body()).path("error").asText()).isEqualTo("BAD_SIGNATURE");
                    assertThat(approvals(environment)).as("a request with a bad signature never reaches Kafka").isEqualTo(approvalsBefore);

                    HttpResponse<String> early = post(server, body(toldNow, "APPROVE"), REQUEST_KEY);
                    assertThat(early.statusCode()).as(early.body()).isEqualTo(202);
                    String earlyId = json.readTree(early.body()).path("approvalId").asText();
                    stages.awaitAnalyzer(DEADLINE);
                    assertThat(rejections(environment)).as("the owner was told minutes ago: the gate waits 7 days")
                            .anySatisfy(r -> {
                                assertThat(r.getApprovalId()).isEqualTo(earlyId);
                                assertThat(r.getReason()).isEqualTo(RejectionReason.NOTICE_PENDING);
                                assertThat(r.getDetail()).contains("was told at", "send the approval again after");
                            });

                    publishNotice(environment, toldLastWeek, Instant.now().minus(Duration.ofDays(8)));
                    stages.awaitAnalyzer(DEADLINE);
                    HttpResponse<String> due = post(server, body(toldLastWeek, "APPROVE"), REQUEST_KEY);
                    assertThat(due.statusCode()).as(due.body()).isEqualTo(202);
                    stages.awaitAnalyzer(DEADLINE);
                    List<ApprovedDeletion> approved = TopicLogReader.readAll(environment.topics().deletionsApproved(),
                            environment.clientConfigs(), Duration.ofSeconds(30)).stream().map(TopicLogReader.Entry::value).toList();
                    assertThat(approved).extracting(ApprovedDeletion::getClientId).as("only the candidate noticed 8 days ago passed")
                            .containsExactly(toldLastWeek.getClientId());
                    assertThat(approved.get(0).getSignature()).as("published as a signed approval").isNotNull();

                    HttpResponse<String> unknown = post(server, body(toldNow, "APPROVE").replace(toldNow.getCandidateId(),
                            toldNow.getOrgId() + "/no-such-client/0000000000000000"), REQUEST_KEY);
                    HttpResponse<String> stale = post(server, body(toldNow, "APPROVE").replace(toldNow.getFingerprint(), "0".repeat(64)), REQUEST_KEY);
                    HttpResponse<String> garbage = post(server, "{\"candidateId\": ", REQUEST_KEY);
                    assertThat(unknown.statusCode()).isEqualTo(404);
                    assertThat(json.readTree(unknown.body()).path("error").asText()).isEqualTo("UNKNOWN_CANDIDATE");
                    assertThat(stale.statusCode()).isEqualTo(409);
                    assertThat(json.readTree(stale.body()).path("error").asText()).isEqualTo("STALE_FINGERPRINT");
                    assertThat(garbage.statusCode()).isEqualTo(400);
                    assertThat(json.readTree(garbage.body()).path("error").asText()).isEqualTo("MALFORMED");
                    assertThat(rejections(environment)).extracting(Rejection::getReason).as("every refusal is also on governance.rejected")
                            .contains(RejectionReason.UNKNOWN_CANDIDATE, RejectionReason.STALE_FINGERPRINT, RejectionReason.MALFORMED);

                    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(server.url().resolve("/candidates")).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(anonymous.statusCode()).as("candidates are listed for approval systems only").isEqualTo(401);
                    Instant now = Instant.now();
                    HttpResponse<String> listed = http.send(HttpRequest.newBuilder(server.url().resolve("/candidates?org=" + toldNow.getOrgId()))
                            .header(BodySignature.TIMESTAMP_HEADER, BodySignature.timestamp(now))
                            .header(BodySignature.SIGNATURE_HEADER, BodySignature.sign(REQUEST_KEY, now, new byte[0]))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(listed.statusCode()).isEqualTo(200);
                    JsonNode candidates = json.readTree(listed.body()).path("candidates");
                    assertThat(candidates.findValuesAsText("fingerprint")).contains(toldNow.getFingerprint());
                }
            }
        }
    }

    /** The notifier tells every owner (GreenMail stands in for the mail relay) and stops. */
    private static void tellOwners(EmbeddedEnvironment environment) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (NotifierApp notifier = NotifierApp.start(new NotifierApp.Config(environment.topics(), environment.clientConfigs(),
                "it-notifier", NotifierSettings.defaults(Map.of(), Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30)),
                Optional.of(new MailChannel.Config("127.0.0.1", smtp.getSmtp().getPort(), "oauthgov@example.test",
                        MailChannel.Security.NONE, Optional.empty(), Optional.empty())), Optional.empty(), true, Clock.systemUTC()))) {
            assertThat(notifier.awaitStopped(DEADLINE)).isTrue();
            assertThat(notifier.stats().noticesPublished()).as("every owned candidate's owner is told").isPositive();
            assertThat(smtp.getReceivedMessages()).isNotEmpty();
        } finally {
            smtp.stop();
        }
    }

    private static void publishNotice(EmbeddedEnvironment environment, DeletionCandidate candidate, Instant at) throws Exception {
        Notice notice = Notice.newBuilder().setOrgId(candidate.getOrgId()).setClientId(candidate.getClientId())
                .setCandidateId(candidate.getCandidateId()).setFingerprint(candidate.getFingerprint()).setDigestId("digest-last-week")
                .setRecipient("owner@example.test").setChannels(List.of("EMAIL")).setNoticedAt(at)
                .setEligibleAt(candidate.getEligibleAt()).build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(TransactionalPublisher.safeProducerConfigs(environment.clientConfigs()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(environment.topics().notices().record(new ClientKey(candidate.getOrgId(), candidate.getClientId()), notice)).get();
        }
    }

    private static String body(DeletionCandidate candidate, String decision) {
        return "{\"candidateId\": \"" + candidate.getCandidateId() + "\", \"fingerprint\": \"" + candidate.getFingerprint()
                + "\", \"decision\": \"" + decision + "\", \"approver\": \"" + DemoStages.APPROVER + "\", \"ticket\": \"CHG0012345\"}";
    }

    private HttpResponse<String> post(ApprovalsServer server, String body, byte[] key) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        return http.send(HttpRequest.newBuilder(server.url().resolve("/approvals"))
                .header("Content-Type", "application/json")
                .header(BodySignature.TIMESTAMP_HEADER, BodySignature.timestamp(now))
                .header(BodySignature.SIGNATURE_HEADER, BodySignature.sign(key, now, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int approvals(EmbeddedEnvironment environment) {
        return TopicLogReader.readAll(environment.topics().approvals(), environment.clientConfigs(), Duration.ofSeconds(30)).size();
    }

    private static List<Rejection> rejections(EmbeddedEnvironment environment) {
        return TopicLogReader.readAll(environment.topics().rejected(), environment.clientConfigs(), Duration.ofSeconds(30)).stream()
                .map(TopicLogReader.Entry::value).toList();
    }
}
