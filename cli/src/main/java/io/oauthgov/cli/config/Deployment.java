package io.oauthgov.cli.config;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.analyzer.policy.PolicyValidationException;
import io.oauthgov.cli.UserError;
import io.oauthgov.cli.approvals.ApprovalSigningKey;
import io.oauthgov.cli.config.DeploymentConfig.Org;
import io.oauthgov.cli.config.DeploymentConfig.Role;
import io.oauthgov.executor.trust.ApprovalTrust;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.GenesysRegion;
import io.oauthgov.genesys.SecretFiles;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.schemas.registry.RegistryClientSettings;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * A validated {@link DeploymentConfig} turned into what the stages are built from: Kafka client settings, the bound
 * topic catalog, the policy, the approval key and approvers, and each org's API identities. The one place that
 * reads the files the configuration names (credentials, key, client properties), so every command reads them the
 * same way, and the analyzer's executor identities come from the same entries the executor logs in with.
 */
public final class Deployment {
    private final DeploymentConfig config;
    private final Map<String, String> environment;

    public Deployment(DeploymentConfig config, Map<String, String> environment) {
        this.config = config;
        this.environment = Map.copyOf(environment);
    }

    public DeploymentConfig config() {
        return config;
    }

    /** Every Kafka client's settings: the properties file, the file's inline properties, then the bootstrap servers. */
    public Map<String, Object> clientConfigs() {
        Map<String, Object> configs = new HashMap<>();
        config.kafka().clientPropertiesFile().ifPresent(file -> {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UserError("cannot read kafka.clientPropertiesFile " + file + ": " + e.getClass().getSimpleName(),
                        "pass a readable Java properties file (security.protocol, sasl.*, ssl.*)");
            }
            properties.forEach((k, v) -> configs.put(k.toString(), v));
        });
        configs.putAll(config.kafka().clientProperties());
        configs.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        return configs;
    }

    /**
     * Client settings plus the registry URL, as the catalog serdes want them; the registry's basic credentials from
     * {@value ConfigEnvironment#SCHEMA_REGISTRY_USER_INFO} when set (else {@code basic.auth.user.info} of the client
     * properties file), its TLS settings ({@code schema.registry.ssl.*}) from the client properties.
     */
    public Map<String, Object> serdeConfigs() {
        Map<String, Object> configs = clientConfigs();
        configs.put(RegistryClientSettings.URL, config.kafka().schemaRegistryUrl());
        String userInfo = environment.get(ConfigEnvironment.SCHEMA_REGISTRY_USER_INFO);
        if (userInfo != null && !userInfo.isBlank()) {
            configs.put(RegistryClientSettings.CREDENTIALS_SOURCE, "USER_INFO");
            configs.put(RegistryClientSettings.USER_INFO, userInfo.trim());
        }
        return configs;
    }

    public Topics topics() {
        return Topics.bind(SerdeFactory.fromConfig(serdeConfigs()));
    }

    /** The policy file the deployment names, or the shipped policy. */
    public Policy policy() {
        Optional<Path> file = config.policyFile();
        if (file.isEmpty()) {
            return PolicyLoader.loadDefault();
        }
        Path path = file.get();
        if (!Files.isReadable(path)) {
            throw new UserError("policy file " + path + ": no such readable file", "set policyFile in " + config.source()
                    + " (or " + ConfigEnvironment.POLICY_FILE + ", or --policy) to a policy YAML; `oauthgov policy show` prints the shipped one");
        }
        try {
            return PolicyLoader.load(path);
        } catch (PolicyValidationException e) {
            throw new UserError("policy " + path + ": " + e.getMessage(), "fix the policy file; every problem is listed with its key and line");
        } catch (UncheckedIOException e) {
            throw new UserError("cannot read policy " + path + ": " + e.getCause().getMessage(), "pass a readable policy YAML file");
        }
    }

    /**
     * The approval HMAC key: {@value ConfigEnvironment#APPROVAL_KEY} when set (the environment overrides the file's
     * keys), else {@code approvals.keyFile}. Read by {@link ApprovalSigningKey}, exactly as the analyzer reads it
     * (trimmed UTF-8, at least 16 bytes), so signer, gate and executor agree by construction.
     */
    public Optional<byte[]> approvalKey() {
        if (approvalKeyFromEnvironment() != null) {
            return ApprovalSigningKey.load(null, Map.of(ConfigEnvironment.APPROVAL_KEY, approvalKeyFromEnvironment()));
        }
        return config.approvals().keyFile().flatMap(file -> ApprovalSigningKey.load(file, Map.of()));
    }

    /** Where {@link #approvalKey()} comes from, for messages: never the key. */
    public String approvalKeySource() {
        return approvalKeyFromEnvironment() != null ? "environment variable " + ConfigEnvironment.APPROVAL_KEY
                : config.approvals().keyFile().map(f -> "approvals.keyFile " + f).orElse("nowhere");
    }

    private String approvalKeyFromEnvironment() {
        String value = environment.get(ConfigEnvironment.APPROVAL_KEY);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The analyzer's gate settings: approvers and key from {@code approvals}, each org's executor identity from its
     * {@code executor} entry (its {@code clientId}, or the one in its credentials file).
     */
    public AnalyzerSettings.Builder analyzerSettings() {
        AnalyzerSettings.Builder settings = AnalyzerSettings.builder()
                .punctuationInterval(config.analyzer().punctuationInterval());
        config.approvals().approvers().forEach((org, ids) -> settings.approvers(org, ids.toArray(String[]::new)));
        approvalKey().ifPresent(settings::hmacKey);
        for (Org org : config.orgs()) {
            executorClientId(org).ifPresent(id -> settings.executorIdentity(org.orgId(), id));
        }
        return settings;
    }

    /** What the executor verifies every approval with: the gate's approvers and key. */
    public ApprovalTrust approvalTrust() {
        return new ApprovalTrust(approvalKey(), config.approvals().approvers());
    }

    /** The OAuth client id the executor deletes with in {@code org}, without reading its secret into memory for long. */
    public Optional<String> executorClientId(Org org) {
        DeploymentConfig.Identity identity = org.executor();
        if (identity.clientId().isPresent()) {
            return identity.clientId();
        }
        return identity.credentialsFile().map(file -> credentials(file).clientId());
    }

    /** The API of {@code org} as the identity {@code role} has there, paced from {@code requestsPerMinute}. */
    public GenesysClient connect(Org org, Role role) {
        return connect(org, role, GovernanceConfig.defaults().giveUpAfter());
    }

    /** ... giving up on the org once its calls failed without a success for {@code giveUpAfter}. */
    public GenesysClient connect(Org org, Role role, java.time.Duration giveUpAfter) {
        DeploymentConfig.Identity identity = org.identity(role);
        ClientCredentials credentials = identity.credentialsFile().map(this::credentials).orElseGet(() -> {
            try {
                return ClientCredentials.fromEnvironment(environment);
            } catch (IllegalArgumentException e) {
                throw new UserError(org.orgId() + ": no " + role.name().toLowerCase(java.util.Locale.ROOT) + ".credentialsFile and "
                        + e.getMessage(), "name a credentials file (clientId=..., clientSecret=..., owner-only) in " + config.source());
            }
        });
        GovernanceConfig defaults = role == Role.COLLECTOR ? GovernanceConfig.collectorDefaults() : GovernanceConfig.defaults();
        GovernanceConfig governance = org.requestsPerMinute().map(defaults::withRequestsPerWindow).orElse(defaults)
                .withOutageTolerance(defaults.breakerCoolDown(), giveUpAfter);
        return GenesysClient.connect(org.orgId(), endpoints(org), credentials, governance);
    }

    public static Endpoints endpoints(Org org) {
        return org.baseUrl().map(Endpoints::local).orElseGet(() -> GenesysRegion.of(org.region().orElseThrow()).endpoints());
    }

    /** Refused when its group or others may read it, as ssh refuses a private key, unless the environment says otherwise. */
    private ClientCredentials credentials(Path file) {
        try {
            return ClientCredentials.fromFile(file, SecretFiles.insecureAllowed(environment));
        } catch (SecretFiles.SecretFileException e) {
            throw e; // names the file and how to fix it (Main maps it to exit 2)
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "a credentials file is a properties file with clientId and clientSecret, readable by its owner only");
        }
    }
}
