package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.genesys.snapshot.ClientSnapshots;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.topics.TopicLogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, as a new user types it, against a real broker: each mistake exits 2 with a one-line message and a hint,
 * and nothing reaches a topic. Each test uses an org id of its own, so "nothing published" is checked for it alone.
 */
class BadInputIT {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedEnvironment environment;

    @BeforeAll
    static void start() {
        environment = EmbeddedEnvironment.start();
    }

    @AfterAll
    static void stop() {
        environment.close();
    }

    private static String newOrg() {
        return "org-bad-input-" + SEQUENCE.incrementAndGet();
    }

    private static CliRun run(String... args) {
        String[] kafka = {"--bootstrap-servers", environment.bootstrapServers(), "--schema-registry-url", environment.schemaRegistryUrl()};
        String[] all = java.util.Arrays.copyOf(args, args.length + kafka.length);
        System.arraycopy(kafka, 0, all, args.length, kafka.length);
        return CliRun.of(all);
    }

    private static Path orgsFile(Path dir, String orgId, Path credentials, String extra) throws Exception {
        return Files.writeString(dir.resolve("orgs-" + orgId + ".yaml"), """
                orgs:
                  - orgId: %s
                    baseUrl: http://127.0.0.1:1
                    credentialsFile: %s
                %s""".formatted(orgId, credentials, extra));
    }

    private static Path credentials(Path dir, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve("collector-" + mode + ".properties"), "clientId=id-1\nclientSecret=s3cr3t-value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    /** Whether any record about this org is on the snapshots or the control topic. */
    private static boolean anythingPublishedFor(String orgId) {
        boolean snapshot = TopicLogReader.readAll(environment.topics().snapshots(), environment.clientConfigs(), Duration.ofSeconds(30))
                .stream().anyMatch(e -> e.key() != null && e.key().getOrgId().equals(orgId));
        return snapshot || !controlCommandsFor(orgId).isEmpty();
    }

    private static List<ControlCommand> controlCommandsFor(String orgId) {
        return TopicLogReader.readAll(environment.topics().control(), environment.clientConfigs(), Duration.ofSeconds(30)).stream()
                .map(TopicLogReader.Entry::value).filter(c -> c != null && orgId.equals(c.getOrgId())).toList();
    }

    @Test
    void collectRefusesAWorldReadableCredentialsFileAsSshDoes(@TempDir Path dir) throws Exception {
        String orgId = newOrg();
        Path exposed = credentials(dir, "rw-r--r--");

        CliRun run = run("collect", "--once", "--config", orgsFile(dir, orgId, exposed, "").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("credentials file " + exposed + " is accessible by others (rw-r--r--)")
                .contains("hint: run: chmod 600").contains(io.oauthgov.genesys.SecretFiles.ALLOW_INSECURE_ENV)
                .doesNotContain("s3cr3t-value");
        assertThat(anythingPublishedFor(orgId)).isFalse();
    }

    @Test
    void collectRefusesAMissingCredentialsFile(@TempDir Path dir) throws Exception {
        String orgId = newOrg();
        Path missing = dir.resolve("no-such.properties");

        CliRun run = run("collect", "--once", "--config", orgsFile(dir, orgId, missing, "").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("orgs[0].credentialsFile: no such readable file: " + missing).contains("hint:");
        assertThat(anythingPublishedFor(orgId)).isFalse();
    }

    @Test
    void collectRefusesARequestsPerMinuteBelowOne(@TempDir Path dir) throws Exception {
        for (String budget : List.of("-5", "0")) {
            String orgId = newOrg();
            Path config = orgsFile(dir, orgId, credentials(dir, "rw-------"), "    requestsPerMinute: " + budget + "\n");

            CliRun run = run("collect", "--once", "--config", config.toString());

            assertThat(run.exitCode()).as(budget + ": " + run.err()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains("orgs[0].requestsPerMinute: must be between 1 and 100000 (was " + budget + ")").contains("hint:");
            assertThat(anythingPublishedFor(orgId)).isFalse();
        }
    }

    @Test
    void approveExecuteAndAnalyzeRefuseAnHmacKeyFileOthersMayRead(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("approval.key"), "an-approval-key-of-32-characters!");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-r--"));
        Path settings = OwnerOnlyFile.write(dir.resolve("analyzer.properties"),
                "oauthgov.analyzer.approvers.*=it@oauthgov.test\noauthgov.analyzer.approval.hmac.key.file=" + key + "\n");

        CliRun approve = run("approve", "--approve", "c-1", "--approver", "it@oauthgov.test", "--ticket", "T-1",
                "--hmac-key-file", key.toString());
        CliRun execute = run("execute", "--settings", settings.toString(), "--execute");
        CliRun analyze = run("analyze", "--settings", settings.toString());

        for (CliRun refused : List.of(approve, execute, analyze)) {
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(Main.USAGE);
            assertThat(refused.err()).contains("approval HMAC key file " + key + " is accessible by others").contains("chmod 600")
                    .doesNotContain("an-approval-key");
        }
    }

    @Test
    void registryImportOfMalformedCsvIsRefusedAndNothingIsImported(@TempDir Path dir) throws Exception {
        String orgId = newOrg();
        Path csv = Files.writeString(dir.resolve("cmdb.csv"), "orgId,clientId,owner,system\n" + orgId + ",c-1,\"unclosed,sys\n");

        CliRun run = run("registry", "import", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("not valid CSV (RFC 4180)").contains("hint: nothing was imported");
        assertThat(TopicLogReader.readAll(environment.topics().integrations(), environment.clientConfigs(), Duration.ofSeconds(30)))
                .noneMatch(e -> e.key().getOrgId().equals(orgId));
    }

    @Test
    void killSwitchForAnEmptyOrgIsRefusedAndNothingReachesTheControlTopic() {
        int before = TopicLogReader.readAll(environment.topics().control(), environment.clientConfigs(), Duration.ofSeconds(30)).size();

        CliRun run = run("kill-switch", "on", "--org", "", "--reason", "typo", "--issued-by", "sre@x");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--org must be an organization id or '*'").contains("hint:");
        assertThat(TopicLogReader.readAll(environment.topics().control(), environment.clientConfigs(), Duration.ofSeconds(30)))
                .as("nothing published").hasSize(before);
    }

    @Test
    void restoreOfAClientThePipelineDoesNotKnowIsRefusedAndNothingIsPublished() {
        String orgId = newOrg();

        CliRun run = run("restore", "--org", orgId, "--client", "no-such-client", "--reason", "owner asked", "--issued-by", "sre@x");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("client no-such-client of org " + orgId + " is unknown to oauthgov").contains("hint:");
        assertThat(controlCommandsFor(orgId)).isEmpty();
    }

    @Test
    void restoreOfAClientWithASnapshotIsPublished() {
        String orgId = newOrg();
        OAuthClient client = new OAuthClient("c-known", "Reports", "", 86_400L, List.of(), List.of(), List.of(),
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"), null, null,
                "CLIENT-CREDENTIALS", List.of(), "inactive", null);
        OAuthClientSnapshot snapshot = ClientSnapshots.from(client, "CLIENT-CREDENTIALS", orgId, "local", "snap-1", Instant.now());
        var topic = environment.topics().clients();
        try (var producer = new KafkaProducer<>(environment.clientConfigs(), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), new ClientKey(orgId, "c-known"), snapshot));
        }

        CliRun run = run("restore", "--org", orgId, "--client", "c-known", "--reason", "owner asked", "--issued-by", "sre@x");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(controlCommandsFor(orgId)).singleElement().satisfies(c -> assertThat(c.getClientId()).isEqualTo("c-known"));
    }
}
