package io.oauthgov.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.oauthgov.cli.NotifyCommand;
import io.oauthgov.cli.TimeArguments;
import io.oauthgov.cli.config.DeploymentConfig.Identity;
import io.oauthgov.cli.config.DeploymentConfig.Org;
import io.oauthgov.collector.CollectorSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration a command would run with, as YAML in the deployment file's own shape, every default filled in
 * and every secret masked: credentials files show their path and client id, the client-properties file its keys with
 * secret values masked, the approval key only whether and where it is set. What {@code config check --show} prints.
 */
public final class EffectiveConfig {
    static final String MASK = "********";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private EffectiveConfig() {}

    public static String yaml(Deployment deployment) {
        DeploymentConfig c = deployment.config();
        ObjectNode root = YAML.createObjectNode();
        ObjectNode kafka = root.putObject("kafka");
        kafka.put("bootstrapServers", c.kafka().bootstrapServers());
        kafka.put("schemaRegistryUrl", c.kafka().schemaRegistryUrl());
        kafka.put("replicationFactor", c.kafka().replicationFactor());
        ObjectNode inline = kafka.putObject("clientProperties");
        new TreeMap<>(c.kafka().clientProperties()).forEach(inline::put);
        c.kafka().clientPropertiesFile().ifPresent(file -> {
            kafka.put("clientPropertiesFile", file.toString());
            ObjectNode fromFile = kafka.putObject("clientPropertiesFromFile");
            properties(file).forEach((k, v) -> fromFile.put(k, DeploymentConfigLoader.SECRET_PROPERTY.matcher(k).matches() ? MASK : v));
        });
        root.put("policyFile", c.policyFile().map(Path::toString).orElse("(the shipped policy: oauthgov policy show)"));
        ObjectNode approvals = root.putObject("approvals");
        ObjectNode approvers = approvals.putObject("approvers");
        c.approvals().approvers().forEach((org, ids) -> {
            ArrayNode list = approvers.putArray(org);
            ids.stream().sorted().forEach(list::add);
        });
        c.approvals().keyFile().ifPresent(f -> approvals.put("keyFile", f.toString()));
        approvals.put("key", describeKey(deployment));
        ObjectNode serve = approvals.putObject("serve");
        DeploymentConfig.Endpoint endpoint = c.approvals().serve();
        serve.put("port", endpoint.port());
        serve.put("bind", endpoint.bind());
        serve.put("requestKey", secretFile(endpoint.requestKeyFile(), "(environment, if set)"));
        serve.put("token", secretFile(endpoint.tokenFile(), "(environment, if set)"));
        ArrayNode orgs = root.putArray("orgs");
        for (Org org : c.orgs()) {
            ObjectNode o = orgs.addObject();
            o.put("orgId", org.orgId());
            org.region().ifPresent(r -> o.put("region", r));
            org.baseUrl().ifPresent(u -> o.put("baseUrl", u));
            o.put("requestsPerMinute", org.requestsPerMinute().map(String::valueOf).orElse("(default; corrected from response headers)"));
            identity(o.putObject("collector"), org.collector(), Optional.empty());
            identity(o.putObject("executor"), org.executor(), safeClientId(deployment, org));
        }
        ObjectNode collector = root.putObject("collector");
        collector.put("every", c.collector().every().map(TimeArguments::text).orElse("(collect once)"));
        collector.put("backfillDays", c.collector().backfillDays());
        collector.put("auditSettle", TimeArguments.text(c.collector().auditSettle()));
        collector.put("transactionalId", c.collector().transactionalId());
        collector.put("parallelOrgs", c.collector().parallelOrgs().map(String::valueOf)
                .orElse("(every configured org, up to " + CollectorSettings.MAX_PARALLEL_ORGS + ")"));
        collector.put("group", c.collector().group().orElse("(none: this instance collects every org)"));
        c.collector().metricsPort().ifPresent(p -> collector.put("metricsPort", p));
        ObjectNode analyzer = root.putObject("analyzer");
        analyzer.put("applicationId", c.analyzer().applicationId());
        analyzer.put("stateDir", c.analyzer().stateDir().map(Path::toString).orElse("(<tmp>/oauthgov-analyzer)"));
        analyzer.put("punctuationInterval", TimeArguments.text(c.analyzer().punctuationInterval()));
        analyzer.put("streamThreads", c.analyzer().streamThreads());
        c.analyzer().metricsPort().ifPresent(p -> analyzer.put("metricsPort", p));
        ObjectNode executor = root.putObject("executor");
        executor.put("execute", c.executor().execute());
        executor.put("quarantine", c.executor().quarantine().map(TimeArguments::text).orElse("(the policy's quarantineDays)"));
        executor.put("strictExpiry", c.executor().strictExpiry());
        executor.put("groupId", c.executor().groupId());
        executor.put("transactionalId", c.executor().transactionalId());
        c.executor().killSwitchFile().ifPresent(f -> executor.put("killSwitchFile", f.toString()));
        c.executor().metricsPort().ifPresent(p -> executor.put("metricsPort", p));
        notifier(root.putObject("notifier"), c.notifier());
        root.putObject("metrics").put("bind", c.metrics().bind());
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void notifier(ObjectNode node, DeploymentConfig.NotifierStage n) {
        n.smtp().ifPresentOrElse(smtp -> {
            ObjectNode mail = node.putObject("smtp");
            mail.put("host", smtp.host());
            mail.put("port", smtp.port());
            mail.put("security", smtp.security().name().toLowerCase(Locale.ROOT));
            mail.put("from", smtp.from());
            smtp.user().ifPresent(u -> mail.put("user", u));
            mail.put("password", secretFile(smtp.passwordFile(), "(environment: " + NotifyCommand.SMTP_PASSWORD_ENV + ", if set)"));
        }, () -> node.put("smtp", "(none: no e-mail, webhooks only)"));
        node.put("webhooks", n.webhooks());
        node.put("webhookFormat", n.webhookFormat().name().toLowerCase(Locale.ROOT));
        node.put("webhookKey", secretFile(n.webhookKeyFile(), "(environment: " + NotifyCommand.WEBHOOK_KEY_ENV + ", else unsigned)"));
        node.put("approvalsUrl", n.approvalsUrl().map(Object::toString).orElse("(none: messages name the CLI only)"));
        node.put("debounce", TimeArguments.text(n.debounce()));
        node.put("maxWait", TimeArguments.text(n.maxWait()));
        node.put("perMinute", n.perMinute());
        node.put("transactionalId", n.transactionalId());
    }

    /** A secret read from a file: masked, with the file it comes from; {@code otherwise} where no file is named. */
    private static String secretFile(Optional<Path> file, String otherwise) {
        return file.map(f -> MASK + " (from " + f + ")").orElse(otherwise);
    }

    private static void identity(ObjectNode node, Identity identity, Optional<String> resolvedClientId) {
        if (identity.credentialsFile().isEmpty()) {
            node.put("credentials", "(environment: GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET)");
        } else {
            node.put("credentialsFile", identity.credentialsFile().get().toString());
        }
        identity.clientId().or(() -> resolvedClientId).ifPresent(id -> node.put("clientId", id));
        node.put("clientSecret", MASK);
    }

    private static Optional<String> safeClientId(Deployment deployment, Org org) {
        try {
            return deployment.executorClientId(org);
        } catch (RuntimeException e) {
            return Optional.empty(); // config check reports unreadable credentials separately
        }
    }

    private static String describeKey(Deployment deployment) {
        try {
            Optional<byte[]> key = deployment.approvalKey();
            if (key.isEmpty()) {
                return "(not set: the gate rejects every approval and the executor changes nothing)";
            }
            return MASK + " (" + key.get().length + " bytes, from " + deployment.approvalKeySource() + ")";
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static java.util.Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return java.util.Map.of("(unreadable)", e.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        }
        java.util.Map<String, String> sorted = new TreeMap<>();
        properties.forEach((k, v) -> sorted.put(k.toString(), v.toString()));
        return sorted;
    }
}
