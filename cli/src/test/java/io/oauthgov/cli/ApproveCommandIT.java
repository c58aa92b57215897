package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.schemas.approval.ApprovalSignature;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.Severity;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.TopicLogReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oauthgov approve} against a real broker and schema registry: candidates are published to the compacted
 * candidates topic as the analyzer would, and the command's approvals are read back from the approvals topic.
 */
class ApproveCommandIT {
    private static final String KEY = "approve-command-it-hmac-key-0123456789";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static EmbeddedEnvironment environment;

    @BeforeAll
    static void startAndPublishCandidates() throws Exception {
        environment = EmbeddedEnvironment.start();
        Topic<ClientKey, DeletionCandidate> topic = environment.topics().candidates();
        try (var producer = new KafkaProducer<>(environment.clientConfigs(), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (DeletionCandidate candidate : List.of(candidate("org-a", "c-1", "Payroll export", "fp-1"),
                    candidate("org-a", "c-2", "Old chat bot", "fp-2"), candidate("org-b", "c-9", "Legacy reports", "fp-9"),
                    candidate("org-a", "c-withdrawn", "Used again", "fp-w"))) {
                producer.send(new ProducerRecord<>(topic.name(), new ClientKey(candidate.getOrgId(), candidate.getClientId()), candidate));
            }
            // The analyzer withdraws a candidate with a tombstone: it is no longer open.
            producer.send(new ProducerRecord<>(topic.name(), new ClientKey("org-a", "c-withdrawn"), null));
            producer.flush();
        }
    }

    @AfterAll
    static void stop() {
        environment.close();
    }

    private static DeletionCandidate candidate(String orgId, String clientId, String name, String fingerprint) {
        return DeletionCandidate.newBuilder()
                .setCandidateId("cand-" + clientId).setOrgId(orgId).setClientId(clientId).setClientName(name).setFingerprint(fingerprint)
                .setReasons(List.of(Finding.newBuilder().setRuleId("stale-unused").setTitle("Stale").setReason("no use in 180 days")
                        .setSeverity(Severity.MEDIUM).setEvidence(Map.of()).build()))
                .setLastUsedAt(null).setStaleSince(NOW.minus(Duration.ofDays(30))).setEligibleAt(NOW.minus(Duration.ofDays(16)))
                .setDecidedAt(NOW).setPolicyId("default").setPolicyVersion("1").build();
    }

    private static CliRun approve(String... args) {
        String[] kafka = {"approve", "--bootstrap-servers", environment.bootstrapServers(), "--schema-registry-url", environment.schemaRegistryUrl()};
        return CliRun.of(Stream.concat(Arrays.stream(kafka), Arrays.stream(args)).toArray(String[]::new));
    }

    private static List<TopicLogReader.Entry<ClientKey, Approval>> approvals() {
        return TopicLogReader.readAll(environment.topics().approvals(), environment.clientConfigs(), Duration.ofSeconds(30));
    }

    @Test
    void listShowsEveryOpenCandidateButNotWithdrawnOnes() {
        CliRun run = approve("--list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("CLIENT NAME", "ELIGIBLE SINCE", "LAST USED", "REASONS")
                .containsPattern("org-a\\s+c-1\\s+Payroll export\\s+\\d{4}-\\d{2}-\\d{2}\\s+never\\s+stale-unused")
                .contains("Old chat bot", "Legacy reports").doesNotContain("c-withdrawn").contains("3 open candidates");
    }

    @Test
    void listCanBeNarrowedToOneOrg() {
        CliRun run = approve("--list", "--org", "org-b");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Legacy reports").doesNotContain("Payroll export").contains("1 open candidate;");
    }

    @Test
    void approvingPublishesASignedApprovalQuotingTheCandidatesFingerprint(@TempDir Path dir) throws Exception {
        Path keyFile = OwnerOnlyFile.write(dir.resolve("hmac.key"), KEY);
        int before = approvals().size();

        CliRun run = approve("--approve", "c-1", "--approver", "alice@example.test", "--ticket", "CHG-1",
                "--valid-for", "2d", "--hmac-key-file", keyFile.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("APPROVE", "org-a/c-1", "Payroll export")
                .contains("1 approval published to governance.approvals").contains("signed with the HMAC key");
        List<TopicLogReader.Entry<ClientKey, Approval>> all = approvals();
        List<TopicLogReader.Entry<ClientKey, Approval>> published = all.subList(before, all.size());
        assertThat(published).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo(new ClientKey("org-a", "c-1"));
            Approval approval = entry.value();
            assertThat(approval.getCandidateId()).isEqualTo("cand-c-1");
            assertThat(approval.getFingerprint()).isEqualTo("fp-1");
            assertThat(approval.getDecision()).isEqualTo(Decision.APPROVE);
            assertThat(approval.getApprover()).isEqualTo("alice@example.test");
            assertThat(approval.getTicketRef()).isEqualTo("CHG-1");
            assertThat(approval.getSource()).isEqualTo("oauthgov approve");
            assertThat(Duration.between(approval.getApprovedAt(), approval.getExpiresAt())).isEqualTo(Duration.ofDays(2));
            assertThat(ApprovalSignature.verify(KEY.getBytes(StandardCharsets.UTF_8), approval)).isTrue();
        });
    }

    @Test
    void anUnknownClientIdIsAUsageErrorAndNothingIsPublishedNotEvenForTheKnownOnes() {
        int before = approvals().size();

        CliRun run = approve("--approve", "c-2", "unknown-id", "c-withdrawn", "--approver", "alice@example.test", "--ticket", "CHG-2");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("not an open candidate: unknown-id, c-withdrawn").contains("nothing was published")
                .contains("hint:");
        assertThat(approvals()).hasSize(before);
    }

    @Test
    void aDryRunRejectionShowsTheDecisionAndPublishesNothing() {
        int before = approvals().size();

        CliRun run = approve("--reject", "c-9", "--approver", "bob@example.test", "--ticket", "CHG-3", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("REJECT", "org-b/c-9").contains("1 rejection would be published")
                .contains("UNSIGNED").contains("dry run: nothing published");
        assertThat(approvals()).hasSize(before);
    }

    @Test
    void decidingWithoutATicketIsRefusedBeforeReadingAnything() {
        CliRun run = CliRun.of("approve", "--approve", "c-1", "--approver", "alice@example.test", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--ticket is required").contains("hint:");
    }
}
