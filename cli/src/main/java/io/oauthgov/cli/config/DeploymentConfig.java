package io.oauthgov.cli.config;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.notifier.NotifierApp;
import io.oauthgov.notifier.WebhookPayload;
import io.oauthgov.notifier.channel.MailChannel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One deployment, described once: how to reach Kafka, which organizations exist and as which identities each stage
 * reaches them, who may approve, the approval key, the policy, and the settings of each stage. Every command reads
 * this one validated object (from {@code oauthgov.yaml}, the environment and its own flags, in rising precedence),
 * so the analyzer and the executor can never disagree about approvers, key or executor identities.
 *
 * <p>No secret is held here as text a printer could show: credentials and the approval key live in files (or the
 * environment) and are read only by the stage that needs them.
 *
 * @param source where it was read from, for messages ("oauthgov.yaml", or "(no --config)")
 */
public record DeploymentConfig(
        String source,
        Kafka kafka,
        Optional<Path> policyFile,
        Approvals approvals,
        List<Org> orgs,
        CollectorStage collector,
        AnalyzerStage analyzer,
        ExecutorStage executor,
        NotifierStage notifier,
        Metrics metrics) {

    public DeploymentConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(policyFile, "policyFile");
        Objects.requireNonNull(approvals, "approvals");
        orgs = List.copyOf(orgs);
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** What a command works with when no file is given: flags and the environment fill it in. */
    public static DeploymentConfig defaults() {
        return new DeploymentConfig("(no --config)", Kafka.DEFAULT, Optional.empty(), Approvals.NONE, List.of(),
                CollectorStage.DEFAULT, AnalyzerStage.DEFAULT, ExecutorStage.DEFAULT, NotifierStage.DEFAULT, Metrics.DEFAULT);
    }

    public Optional<Org> org(String orgId) {
        return orgs.stream().filter(o -> o.orgId().equals(orgId)).findFirst();
    }

    public DeploymentConfig withKafka(Kafka value) {
        return new DeploymentConfig(source, value, policyFile, approvals, orgs, collector, analyzer, executor, notifier, metrics);
    }

    public DeploymentConfig withPolicyFile(Path value) {
        return new DeploymentConfig(source, kafka, Optional.ofNullable(value), approvals, orgs, collector, analyzer, executor, notifier, metrics);
    }

    public DeploymentConfig withApprovals(Approvals value) {
        return new DeploymentConfig(source, kafka, policyFile, value, orgs, collector, analyzer, executor, notifier, metrics);
    }

    public DeploymentConfig withOrgs(List<Org> value) {
        return new DeploymentConfig(source, kafka, policyFile, approvals, value, collector, analyzer, executor, notifier, metrics);
    }

    public DeploymentConfig withCollector(CollectorStage value) {
        return new DeploymentConfig(source, kafka, policyFile, approvals, orgs, value, analyzer, executor, notifier, metrics);
    }

    public DeploymentConfig withAnalyzer(AnalyzerStage value) {
        return new DeploymentConfig(source, kafka, policyFile, approvals, orgs, collector, value, executor, notifier, metrics);
    }

    public DeploymentConfig withExecutor(ExecutorStage value) {
        return new DeploymentConfig(source, kafka, policyFile, approvals, orgs, collector, analyzer, value, notifier, metrics);
    }

    public DeploymentConfig withNotifier(NotifierStage value) {
        return new DeploymentConfig(source, kafka, policyFile, approvals, orgs, collector, analyzer, executor, value, metrics);
    }

    /**
     * @param clientProperties non-secret client settings written in the file (e.g. {@code security.protocol})
     * @param clientPropertiesFile a properties file with the rest, secrets included ({@code sasl.jaas.config}, keystore
     *                             passwords): read when a client is built, never printed
     * @param replicationFactor of the topics the stages create (the analyzer's internal topics); at most the brokers
     */
    public record Kafka(String bootstrapServers, String schemaRegistryUrl, int replicationFactor,
                        Map<String, String> clientProperties, Optional<Path> clientPropertiesFile) {
        public static final Kafka DEFAULT = new Kafka("localhost:9092", "http://localhost:8081", 3, Map.of(), Optional.empty());

        public Kafka {
            clientProperties = Map.copyOf(clientProperties);
        }

        public Kafka withBootstrapServers(String value) {
            return new Kafka(value, schemaRegistryUrl, replicationFactor, clientProperties, clientPropertiesFile);
        }

        public Kafka withSchemaRegistryUrl(String value) {
            return new Kafka(bootstrapServers, value, replicationFactor, clientProperties, clientPropertiesFile);
        }

        public Kafka withReplicationFactor(int value) {
            return new Kafka(bootstrapServers, schemaRegistryUrl, value, clientProperties, clientPropertiesFile);
        }

        public Kafka withClientPropertiesFile(Path value) {
            return new Kafka(bootstrapServers, schemaRegistryUrl, replicationFactor, clientProperties, Optional.ofNullable(value));
        }
    }

    /**
     * Who may approve deletions and the key approvals are signed with. The key is a file name (or, from the
     * environment only, {@value AnalyzerSettings#HMAC_KEY_ENV}); its bytes are read by {@link Deployment#approvalKey()}.
     *
     * @param approvers organization id, or {@value AnalyzerSettings#ALL_ORGS} for every one, to approver ids
     * @param serve the HTTP endpoint of {@code oauthgov approvals serve}
     */
    public record Approvals(Map<String, Set<String>> approvers, Optional<Path> keyFile, Endpoint serve) {
        public static final Approvals NONE = new Approvals(Map.of(), Optional.empty(), Endpoint.DEFAULT);

        public Approvals {
            approvers = Map.copyOf(approvers);
            Objects.requireNonNull(serve, "serve");
        }

        public Approvals withKeyFile(Path value) {
            return new Approvals(approvers, Optional.ofNullable(value), serve);
        }
    }

    /**
     * Where approval systems call {@code oauthgov approvals serve}, and how they prove who they are: an HMAC key for
     * body signatures and/or a bearer token, each an owner-only file (or the environment).
     */
    public record Endpoint(int port, String bind, Optional<Path> requestKeyFile, Optional<Path> tokenFile) {
        public static final Endpoint DEFAULT = new Endpoint(8443, "127.0.0.1", Optional.empty(), Optional.empty());
    }

    /** A stage's API identity in one org: a credentials file, or the environment when no file is named. */
    public record Identity(Optional<Path> credentialsFile, Optional<String> clientId) {
        public static final Identity FROM_ENVIRONMENT = new Identity(Optional.empty(), Optional.empty());
    }

    /** One stage's identity role in an org. */
    public enum Role { COLLECTOR, EXECUTOR }

    /**
     * @param baseUrl set instead of {@code region} for the simulator or a proxy
     * @param requestsPerMinute the starting budget of this org's identities (corrected from response headers)
     */
    public record Org(String orgId, Optional<String> region, Optional<String> baseUrl, Optional<Integer> requestsPerMinute,
                      Identity collector, Identity executor) {
        public Identity identity(Role role) {
            return role == Role.COLLECTOR ? collector : executor;
        }

        public String regionName() {
            return region.orElse("local");
        }
    }

    /**
     * @param every the schedule of {@code collect} without {@code --once}; empty collects once
     * @param metricsPort where {@code collect --every} serves metrics and health; empty: not served
     * @param parallelOrgs organizations collected at once; empty: every configured org, up to the collector's cap
     * @param group the consumer group of collector instances that share the orgs; empty: this instance collects all
     */
    public record CollectorStage(Optional<Duration> every, int backfillDays, Duration auditSettle, String transactionalId,
                                 Optional<Integer> metricsPort, Optional<Integer> parallelOrgs, Optional<String> group) {
        public static final CollectorStage DEFAULT = new CollectorStage(Optional.empty(), 180, Duration.ofMinutes(5),
                "oauthgov-collector", Optional.empty(), Optional.empty(), Optional.empty());
    }

    public record AnalyzerStage(String applicationId, Optional<Path> stateDir, Duration punctuationInterval, int streamThreads,
                                Optional<Integer> metricsPort) {
        public static final AnalyzerStage DEFAULT = new AnalyzerStage("oauthgov-analyzer", Optional.empty(),
                AnalyzerSettings.DEFAULT_PUNCTUATION_INTERVAL, 1, Optional.empty());
    }

    /**
     * @param execute really change clients (default: dry run)
     * @param quarantine overrides the policy's {@code quarantineDays}
     */
    public record ExecutorStage(boolean execute, Optional<Duration> quarantine, boolean strictExpiry, String groupId,
                                String transactionalId, Optional<Path> killSwitchFile, Optional<Integer> metricsPort) {
        public static final ExecutorStage DEFAULT = new ExecutorStage(false, Optional.empty(), false, "oauthgov-executor",
                "oauthgov-executor", Optional.empty(), Optional.empty());
    }

    /**
     * The settings of {@code oauthgov notify}. Its secrets (the SMTP password, the webhook signing key) are files named
     * here or environment variables, read only by the notifier.
     *
     * @param smtp where e-mail notices go; empty: no e-mail, webhooks only
     * @param webhooks call owners' chat webhooks; false sends owners who have only a webhook to the fallback contact
     * @param webhookKeyFile the HMAC key webhook calls are signed with; empty: the environment, else unsigned
     * @param approvalsUrl where {@code oauthgov approvals serve} listens, quoted in messages as a way to object
     * @param debounce an owner's digest waits until their candidates were quiet this long ...
     * @param maxWait ... but no longer than this after the first
     * @param perMinute at most this many deliveries a minute
     */
    public record NotifierStage(Optional<Smtp> smtp, boolean webhooks, WebhookPayload.Format webhookFormat,
                                Optional<Path> webhookKeyFile, Optional<URI> approvalsUrl, Duration debounce, Duration maxWait,
                                int perMinute, String transactionalId) {
        public static final NotifierStage DEFAULT = new NotifierStage(Optional.empty(), true, WebhookPayload.Format.JSON,
                Optional.empty(), Optional.empty(), Duration.ofMinutes(5), Duration.ofHours(1), 60,
                NotifierApp.Config.DEFAULT_TRANSACTIONAL_ID);
    }

    /** @param passwordFile an owner-only file with the password of {@code user}; empty: the environment */
    public record Smtp(String host, int port, MailChannel.Security security, String from, Optional<String> user,
                       Optional<Path> passwordFile) {
        public static final int DEFAULT_PORT = 587;
        public static final MailChannel.Security DEFAULT_SECURITY = MailChannel.Security.STARTTLS;
        public static final String DEFAULT_FROM = "oauthgov@localhost.localdomain";
    }

    /** @param bind the address every stage's metrics and health endpoints listen on */
    public record Metrics(String bind) {
        public static final Metrics DEFAULT = new Metrics("127.0.0.1");
    }
}
