package io.oauthgov.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentConfigLoaderTest {
    @TempDir
    Path dir;

    /** Owner-only, as credentials and keys must be (oauthgov refuses them otherwise, as ssh does). */
    private Path file(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void fullFileLoadsWithRelativePathsResolvedAgainstItsDirectory() throws IOException {
        file("collector.properties", "clientId=c\nclientSecret=s\n");
        file("executor.properties", "clientId=exec-id\nclientSecret=s\n");
        file("key", "0123456789abcdef0123456789abcdef\n");
        Path config = file("oauthgov.yaml", """
                kafka:
                  bootstrapServers: kafka-1:9092,kafka-2:9092
                  schemaRegistryUrl: https://registry.example:8081
                  replicationFactor: 3
                  clientProperties:
                    security.protocol: SSL
                approvals:
                  approvers:
                    "*": [secops@example.com]
                    org-1: [Owner@Example.com]
                  keyFile: key
                orgs:
                  - orgId: org-1
                    region: eu-west-1
                    requestsPerMinute: 250
                    collector: {credentialsFile: collector.properties}
                    executor: {credentialsFile: executor.properties}
                collector: {every: 15m, backfillDays: 90, auditSettle: 5m, parallelOrgs: 8}
                analyzer: {applicationId: analyzer-eu, streamThreads: 2, metricsPort: 9402}
                executor: {execute: true, quarantine: 3d, metricsPort: 9403}
                """);

        DeploymentConfig c = DeploymentConfigLoader.load(config, Map.of());

        assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(c.kafka().clientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(c.approvals().keyFile()).contains(dir.resolve("key"));
        assertThat(c.orgs()).singleElement().satisfies(org -> {
            assertThat(org.region()).contains("eu-west-1");
            assertThat(org.requestsPerMinute()).contains(250);
            assertThat(org.collector().credentialsFile()).contains(dir.resolve("collector.properties"));
        });
        assertThat(c.collector().every()).contains(Duration.ofMinutes(15));
        assertThat(c.collector().parallelOrgs()).contains(8);
        assertThat(c.executor().quarantine()).contains(Duration.ofDays(3));
        assertThat(c.analyzer().metricsPort()).contains(9402);

        Deployment deployment = new Deployment(c, Map.of());
        var settings = deployment.analyzerSettings().build();
        assertThat(settings.executorIdentity("org-1")).as("written once: the executor's own credentials file").contains("exec-id");
        assertThat(settings.mayApprove("org-1", "owner@example.com")).isTrue();
        assertThat(settings.mayApprove("org-2", "secops@example.com")).isTrue();
        assertThat(deployment.approvalTrust().hmacKey()).isPresent();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsKeyAndLine() throws IOException {
        Path config = file("oauthgov.yaml", """
                kafka:
                  bootstrapServers: not a host
                  replicationFactor: 0
                orgs:
                  - orgId: org-1
                    region: mars-north-1
                    requestsPerMinute: -5
                    collector: {credentialsFile: missing.properties}
                  - orgId: org-1
                    baseUrl: http://127.0.0.1:8089
                executor:
                  quarantine: 999999999999999d
                  colour: blue
                collector: {parallelOrgs: 99}
                """);

        assertThatThrownBy(() -> DeploymentConfigLoader.load(config, Map.of()))
                .isInstanceOfSatisfying(DeploymentConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::toString)
                        .anySatisfy(p -> assertThat(p).startsWith("line 2: kafka.bootstrapServers"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 3: kafka.replicationFactor"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 6: orgs[0].region"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 7: orgs[0].requestsPerMinute").contains("between 1 and"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 8: orgs[0].collector.credentialsFile").contains("no such readable file"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 9: orgs[1].orgId").contains("second time"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 12: executor.quarantine"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 13: executor.colour: unknown key"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 14: collector.parallelOrgs").contains("between 1 and 32")));
    }

    @Test
    void environmentOverridesNamedKeysAndItsProblemsNameTheVariable() throws IOException {
        Path config = file("oauthgov.yaml", "kafka:\n  bootstrapServers: from-file:9092\n");

        DeploymentConfig c = DeploymentConfigLoader.load(config, Map.of(ConfigEnvironment.BOOTSTRAP_SERVERS, "from-env:9093"));
        assertThat(c.kafka().bootstrapServers()).isEqualTo("from-env:9093");

        assertThatThrownBy(() -> DeploymentConfigLoader.load(config, Map.of(ConfigEnvironment.SCHEMA_REGISTRY_URL, "ftp://nope")))
                .hasMessageContaining("kafka.schemaRegistryUrl").hasMessageContaining("environment variable " + ConfigEnvironment.SCHEMA_REGISTRY_URL);
    }

    @Test
    void secretsAreRefusedInlineAndPointedToTheirFile() throws IOException {
        Path config = file("oauthgov.yaml", "kafka:\n  clientProperties:\n    sasl.jaas.config: secret-stuff\n");

        assertThatThrownBy(() -> DeploymentConfigLoader.load(config, Map.of()))
                .hasMessageContaining("line 3: kafka.clientProperties.sasl.jaas.config").hasMessageContaining("clientPropertiesFile")
                .hasMessageNotContaining("secret-stuff");
    }

    @Test
    void theEarlierOrgsFileStillLoadsWithOneIdentityForWhicheverStageReadsIt() throws IOException {
        file("creds.properties", "clientId=c\nclientSecret=s\n");
        Path config = file("orgs.yaml", "orgs:\n  - orgId: o1\n    baseUrl: http://127.0.0.1:8089\n    credentialsFile: creds.properties\n");

        DeploymentConfig c = DeploymentConfigLoader.load(config, Map.of());

        assertThat(c.orgs().get(0).collector()).isEqualTo(c.orgs().get(0).executor());
        assertThat(c.orgs().get(0).collector().credentialsFile()).contains(dir.resolve("creds.properties"));
    }

    @Test
    void oneOrgFromTheConventionalEnvironmentWhenTheFileListsNone() {
        DeploymentConfig c = DeploymentConfigLoader.parse("", "(no --config)", dir, Map.of(ConfigEnvironment.ORG_ID, "org-env",
                ConfigEnvironment.REGION, "us-east-1"));

        assertThat(c.orgs()).singleElement().satisfies(org -> {
            assertThat(org.orgId()).isEqualTo("org-env");
            assertThat(org.collector()).isEqualTo(DeploymentConfig.Identity.FROM_ENVIRONMENT);
        });
    }

    @Test
    void effectiveConfigMasksEverySecret() throws IOException {
        file("executor.properties", "clientId=exec-id\nclientSecret=the-client-secret\n");
        file("kafka.properties", "sasl.jaas.config=the-jaas-secret\nsecurity.protocol=SASL_SSL\n");
        Path config = file("oauthgov.yaml", """
                kafka: {clientPropertiesFile: kafka.properties}
                orgs:
                  - orgId: o1
                    baseUrl: http://127.0.0.1:8089
                    executor: {credentialsFile: executor.properties}
                """);
        Deployment deployment = new Deployment(DeploymentConfigLoader.load(config, Map.of()),
                Map.of(ConfigEnvironment.APPROVAL_KEY, "the-approval-key-from-env"));

        String shown = EffectiveConfig.yaml(deployment);

        assertThat(shown).contains("exec-id").contains("SASL_SSL").contains("from environment variable")
                .doesNotContain("the-client-secret").doesNotContain("the-jaas-secret").doesNotContain("the-approval-key-from-env");
    }

    @Test
    void theNotifierIsConfiguredInTheFileWithItsSecretsInFilesAndShownMasked() throws IOException {
        file("smtp-password", "the-smtp-password\n");
        file("webhook.key", "0123456789abcdef0123456789abcdef\n");
        Path config = file("oauthgov.yaml", """
                notifier:
                  smtp: {host: smtp.example.com, port: 465, security: SMTPS, from: oauthgov@example.com, user: mailer, passwordFile: smtp-password}
                  webhookFormat: slack
                  webhookKeyFile: webhook.key
                  approvalsUrl: https://approvals.example.com
                  debounce: 0s
                  maxWait: 30m
                  perMinute: 20
                """);

        DeploymentConfig c = DeploymentConfigLoader.load(config, Map.of());

        DeploymentConfig.NotifierStage n = c.notifier();
        assertThat(n.smtp()).hasValueSatisfying(smtp -> {
            assertThat(smtp.host()).isEqualTo("smtp.example.com");
            assertThat(smtp.port()).isEqualTo(465);
            assertThat(smtp.security()).isEqualTo(io.oauthgov.notifier.channel.MailChannel.Security.SMTPS);
            assertThat(smtp.user()).contains("mailer");
            assertThat(smtp.passwordFile()).contains(dir.resolve("smtp-password"));
        });
        assertThat(n.webhooks()).as("on unless switched off").isTrue();
        assertThat(n.webhookFormat()).isEqualTo(io.oauthgov.notifier.WebhookPayload.Format.SLACK);
        assertThat(n.webhookKeyFile()).contains(dir.resolve("webhook.key"));
        assertThat(n.approvalsUrl()).contains(java.net.URI.create("https://approvals.example.com"));
        assertThat(n.debounce()).as("zero sends as soon as a run of changes is seen").isZero();
        assertThat(n.maxWait()).isEqualTo(Duration.ofMinutes(30));
        assertThat(n.perMinute()).isEqualTo(20);
        assertThat(EffectiveConfig.yaml(new Deployment(c, Map.of()))).contains("smtp.example.com").contains("slack")
                .doesNotContain("the-smtp-password").doesNotContain("0123456789abcdef");
    }

    @Test
    void withoutANotifierSectionTheNotifierSendsWebhooksOnlyWithTheDocumentedDefaults() {
        DeploymentConfig c = DeploymentConfigLoader.parse("", "(no --config)", dir, Map.of());

        assertThat(c.notifier()).isEqualTo(DeploymentConfig.NotifierStage.DEFAULT);
        assertThat(c.notifier().smtp()).isEmpty();
        assertThat(c.notifier().debounce()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.notifier().perMinute()).isEqualTo(60);
    }

    @Test
    void notifierProblemsAreReportedWithTheirKeyAndLine() throws IOException {
        Path config = file("oauthgov.yaml", """
                notifier:
                  smtp:
                    port: 70000
                    security: tls
                    from: not-an-address
                    passwordFile: missing-password
                    colour: blue
                  webhookFormat: xml
                  approvalsUrl: ftp://approvals.example.com
                  perMinute: 0
                """);

        assertThatThrownBy(() -> DeploymentConfigLoader.load(config, Map.of()))
                .isInstanceOfSatisfying(DeploymentConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::toString)
                        .anySatisfy(p -> assertThat(p).startsWith("line 2: notifier.smtp:").contains("needs a host"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 3: notifier.smtp.port"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 4: notifier.smtp.security").contains("starttls"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 5: notifier.smtp.from").contains("e-mail address"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 6: notifier.smtp.passwordFile").contains("no such readable file"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 7: notifier.smtp.colour: unknown key"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 8: notifier.webhookFormat").contains("json, slack"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 9: notifier.approvalsUrl").contains("http(s)"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 10: notifier.perMinute")));
    }

    @Test
    void theApprovalsEndpointIsConfiguredUnderApprovalsServeWithItsSecretsInFiles() throws IOException {
        file("request.key", "0123456789abcdef0123456789abcdef\n");
        Path config = file("oauthgov.yaml", """
                approvals:
                  serve: {port: 9443, bind: 0.0.0.0, requestKeyFile: request.key}
                """);

        DeploymentConfig c = DeploymentConfigLoader.load(config, Map.of());

        assertThat(c.approvals().serve()).isEqualTo(new DeploymentConfig.Endpoint(9443, "0.0.0.0",
                java.util.Optional.of(dir.resolve("request.key")), java.util.Optional.empty()));
        assertThat(DeploymentConfigLoader.parse("", "(no --config)", dir, Map.of()).approvals().serve())
                .as("the documented defaults").isEqualTo(DeploymentConfig.Endpoint.DEFAULT);
        assertThat(EffectiveConfig.yaml(new Deployment(c, Map.of()))).contains("9443").doesNotContain("0123456789abcdef");
        assertThatThrownBy(() -> DeploymentConfigLoader.load(file("bad.yaml", "approvals:\n  serve: {port: 99999, tokenFile: nope}\n"), Map.of()))
                .hasMessageContaining("approvals.serve.port").hasMessageContaining("approvals.serve.tokenFile");
    }
}
