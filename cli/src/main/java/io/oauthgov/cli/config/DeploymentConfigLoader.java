package io.oauthgov.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.analyzer.yaml.LocatedYaml;
import io.oauthgov.cli.config.DeploymentConfig.AnalyzerStage;
import io.oauthgov.cli.config.DeploymentConfig.Approvals;
import io.oauthgov.cli.config.DeploymentConfig.CollectorStage;
import io.oauthgov.cli.config.DeploymentConfig.Endpoint;
import io.oauthgov.cli.config.DeploymentConfig.ExecutorStage;
import io.oauthgov.cli.config.DeploymentConfig.Identity;
import io.oauthgov.cli.config.DeploymentConfig.Kafka;
import io.oauthgov.cli.config.DeploymentConfig.Metrics;
import io.oauthgov.cli.config.DeploymentConfig.NotifierStage;
import io.oauthgov.cli.config.DeploymentConfig.Org;
import io.oauthgov.cli.config.DeploymentConfig.Smtp;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.genesys.GenesysRegion;
import io.oauthgov.notifier.WebhookPayload;
import io.oauthgov.notifier.channel.MailChannel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code oauthgov.yaml}: every key known, every value in range, every problem reported at once with its key
 * and line (as {@code PolicyLoader} does for policies). Named keys may be overridden from the environment
 * ({@link ConfigEnvironment}); relative paths are resolved against the file's directory, so a generated stack
 * directory can be moved.
 *
 * <p>The file holds no secret: credentials are files it names, the approval key a file or the environment.
 */
public final class DeploymentConfigLoader {
    private static final Set<String> TOP = Set.of("kafka", "policyFile", "approvals", "orgs", "collector", "analyzer", "executor", "notifier",
            "metrics");
    private static final Set<String> KAFKA = Set.of("bootstrapServers", "schemaRegistryUrl", "replicationFactor", "clientProperties",
            "clientPropertiesFile");
    private static final Set<String> APPROVALS = Set.of("approvers", "keyFile", "serve");
    private static final Set<String> ENDPOINT = Set.of("port", "bind", "requestKeyFile", "tokenFile");
    /** {@code credentialsFile} directly on an org is the older per-command orgs file: the identity of whichever stage reads it. */
    private static final Set<String> ORG = Set.of("orgId", "region", "baseUrl", "requestsPerMinute", "collector", "executor", "credentialsFile");
    private static final Set<String> IDENTITY = Set.of("credentialsFile", "clientId");
    private static final Set<String> COLLECTOR = Set.of("every", "backfillDays", "auditSettle", "transactionalId", "metricsPort",
            "parallelOrgs", "group");
    private static final Set<String> ANALYZER = Set.of("applicationId", "stateDir", "punctuationInterval", "streamThreads", "metricsPort");
    private static final Set<String> EXECUTOR = Set.of("execute", "quarantine", "strictExpiry", "groupId", "transactionalId",
            "killSwitchFile", "metricsPort");
    private static final Set<String> NOTIFIER = Set.of("smtp", "webhooks", "webhookFormat", "webhookKeyFile", "approvalsUrl",
            "debounce", "maxWait", "perMinute", "transactionalId");
    private static final Set<String> SMTP = Set.of("host", "port", "security", "from", "user", "passwordFile");
    private static final Set<String> METRICS = Set.of("bind");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd])");
    private static final Pattern KAFKA_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** Kafka client settings whose values are secrets: they belong in {@code clientPropertiesFile}, never inline. */
    static final Pattern SECRET_PROPERTY = Pattern.compile("(?i).*(password|jaas|secret|credentials|token|user\\.info).*");

    private DeploymentConfigLoader() {}

    /** @throws DeploymentConfigException listing every problem */
    public static DeploymentConfig load(Path file, Map<String, String> environment) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new DeploymentConfigException(file.toString(), List.of(new ConfigProblem("(file)", 0,
                    "cannot read it (" + e.getClass().getSimpleName() + ")")));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base, environment);
    }

    /** @param base the directory relative paths in the text are resolved against */
    public static DeploymentConfig parse(String text, String source, Path base, Map<String, String> environment) {
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (LocatedYaml.SyntaxError e) {
            throw new DeploymentConfigException(source, List.of(new ConfigProblem("(document)", e.line(), "not valid YAML: " + e.getMessage())));
        }
        return new Validation(yaml, source, base, environment).config();
    }

    /** One validation run: collects every problem before failing. */
    private static final class Validation {
        private final LocatedYaml yaml;
        private final String source;
        private final Path base;
        private final Map<String, String> environment;
        /** Keys whose value came from the environment: variable name by key. */
        private final Map<String, String> fromEnvironment = new HashMap<>();
        private final List<ConfigProblem> problems = new ArrayList<>();

        Validation(LocatedYaml yaml, String source, Path base, Map<String, String> environment) {
            this.yaml = yaml;
            this.source = source;
            this.base = base;
            this.environment = environment;
        }

        DeploymentConfig config() {
            JsonNode document = yaml.root();
            ObjectNode root;
            if (document == null || document.isNull() || document.isMissingNode()) {
                root = JsonNodeFactory.instance.objectNode();
            } else if (document.isObject()) {
                root = (ObjectNode) document;
            } else {
                problem("(document)", "must be a mapping of keys (" + String.join(", ", new TreeSet<>(TOP)) + ")");
                throw failure();
            }
            applyEnvironment(root);
            unknownKeys(root, "", TOP);
            Kafka kafka = kafka(section(root, "kafka", KAFKA));
            Optional<Path> policyFile = path(root, "policyFile");
            Approvals approvals = approvals(section(root, "approvals", APPROVALS));
            List<Org> orgs = orgs(root.get("orgs"));
            if (orgs.isEmpty()) {
                orgFromEnvironment().ifPresent(orgs::add);
            }
            CollectorStage collector = collector(section(root, "collector", COLLECTOR));
            AnalyzerStage analyzer = analyzer(section(root, "analyzer", ANALYZER));
            ExecutorStage executor = executor(section(root, "executor", EXECUTOR));
            NotifierStage notifier = notifier(section(root, "notifier", NOTIFIER));
            Metrics metrics = new Metrics(text(section(root, "metrics", METRICS), "metrics.", "bind").orElse(Metrics.DEFAULT.bind()));
            ports(collector, analyzer, executor);
            if (!problems.isEmpty()) {
                throw failure();
            }
            return new DeploymentConfig(source, kafka, policyFile, approvals, orgs, collector, analyzer, executor, notifier, metrics);
        }

        /** Environment values replace the file's; their problems name the variable instead of a line. */
        private void applyEnvironment(ObjectNode root) {
            ConfigEnvironment.OVERRIDES.forEach((variable, key) -> {
                String value = environment.get(variable);
                if (value == null || value.isBlank()) {
                    return;
                }
                String[] parts = key.split("\\.");
                ObjectNode node = root;
                for (int i = 0; i < parts.length - 1; i++) {
                    JsonNode child = node.get(parts[i]);
                    if (child == null || !child.isObject()) {
                        child = node.putObject(parts[i]);
                    }
                    node = (ObjectNode) child;
                }
                node.put(parts[parts.length - 1], value.trim());
                fromEnvironment.put(key, variable);
            });
        }

        private Kafka kafka(JsonNode node) {
            Kafka d = Kafka.DEFAULT;
            String bootstrap = text(node, "kafka.", "bootstrapServers").orElse(d.bootstrapServers());
            if (!bootstrap.matches("[^\\s,]+:\\d{1,5}(,[^\\s,]+:\\d{1,5})*")) {
                problem("kafka.bootstrapServers", "must be host:port[,host:port...] (was '" + bootstrap + "')");
            }
            String registry = text(node, "kafka.", "schemaRegistryUrl").orElse(d.schemaRegistryUrl());
            url("kafka.schemaRegistryUrl", registry);
            int replication = intIn(node, "kafka.", "replicationFactor", d.replicationFactor(), 1, 32);
            Map<String, String> properties = new LinkedHashMap<>();
            JsonNode props = node.get("clientProperties");
            if (props != null && !props.isNull()) {
                if (!props.isObject()) {
                    problem("kafka.clientProperties", "must be a mapping of Kafka client settings, e.g. security.protocol: SSL");
                } else {
                    props.fields().forEachRemaining(e -> {
                        String key = "kafka.clientProperties." + e.getKey();
                        if (SECRET_PROPERTY.matcher(e.getKey()).matches()) {
                            problem(key, "is a secret: put it in kafka.clientPropertiesFile (owner-only), not in this file");
                        } else if (!e.getValue().isValueNode()) {
                            problem(key, "must be a single value");
                        } else {
                            properties.put(e.getKey(), e.getValue().asText());
                        }
                    });
                }
            }
            Optional<Path> propertiesFile = readableFile(node, "kafka.", "clientPropertiesFile");
            return new Kafka(bootstrap, registry, replication, properties, propertiesFile);
        }

        private Approvals approvals(JsonNode node) {
            Map<String, Set<String>> approvers = new LinkedHashMap<>();
            JsonNode list = node.get("approvers");
            if (list != null && !list.isNull()) {
                if (!list.isObject()) {
                    problem("approvals.approvers", "must map an org id (or \"*\" for every org) to a list of approver ids");
                } else {
                    list.fields().forEachRemaining(e -> {
                        String key = "approvals.approvers." + e.getKey();
                        Set<String> ids = new LinkedHashSet<>();
                        if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                            problem(key, "must be a non-empty list of approver ids, e.g. [secops@example.com]");
                            return;
                        }
                        for (int i = 0; i < e.getValue().size(); i++) {
                            JsonNode id = e.getValue().get(i);
                            if (!id.isTextual() || id.asText().isBlank()) {
                                problem(key + "[" + i + "]", "must be an approver id (text)");
                            } else {
                                ids.add(id.asText().trim());
                            }
                        }
                        approvers.put(e.getKey(), ids);
                    });
                }
            }
            return new Approvals(approvers, readableFile(node, "approvals.", "keyFile"), endpoint(section(node, "serve", ENDPOINT, "approvals.serve")));
        }

        private Endpoint endpoint(JsonNode node) {
            Endpoint d = Endpoint.DEFAULT;
            int port = intIn(node, "approvals.serve.", "port", d.port(), 0, 65_535);
            String bind = text(node, "approvals.serve.", "bind").orElse(d.bind());
            return new Endpoint(port, bind, readableFile(node, "approvals.serve.", "requestKeyFile"),
                    readableFile(node, "approvals.serve.", "tokenFile"));
        }

        private List<Org> orgs(JsonNode node) {
            List<Org> orgs = new ArrayList<>();
            if (node == null || node.isNull()) {
                return orgs;
            }
            if (!node.isArray()) {
                problem("orgs", "must be a list of organizations (- orgId: ...)");
                return orgs;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String at = "orgs[" + i + "]";
                JsonNode org = node.get(i);
                if (!org.isObject()) {
                    problem(at, "must be a mapping with orgId, region or baseUrl, collector and executor");
                    continue;
                }
                unknownKeys(org, at + ".", ORG);
                Optional<String> orgId = text(org, at + ".", "orgId");
                if (orgId.isEmpty()) {
                    problem(at + ".orgId", "is required: the Genesys Cloud organization id");
                } else if (!seen.add(orgId.get())) {
                    problem(at + ".orgId", "lists org " + orgId.get() + " a second time: each org once, with its collector and executor");
                }
                Optional<String> region = text(org, at + ".", "region");
                Optional<String> baseUrl = text(org, at + ".", "baseUrl");
                if (region.isPresent() == baseUrl.isPresent()) {
                    problem(at, "needs exactly one of region (e.g. us-east-1) or baseUrl (the simulator, a proxy)");
                }
                region.ifPresent(r -> {
                    try {
                        GenesysRegion.of(r);
                    } catch (IllegalArgumentException e) {
                        problem(at + ".region", e.getMessage());
                    }
                });
                baseUrl.ifPresent(u -> url(at + ".baseUrl", u));
                Optional<Integer> budget = org.has("requestsPerMinute")
                        ? Optional.of(intIn(org, at + ".", "requestsPerMinute", 300, 1, 100_000)) : Optional.empty();
                Identity shared = org.has("credentialsFile")
                        ? new Identity(readableFile(org, at + ".", "credentialsFile"), Optional.empty()) : Identity.FROM_ENVIRONMENT;
                Identity collector = identity(org, at + ".collector", shared);
                Identity executor = identity(org, at + ".executor", shared);
                orgs.add(new Org(orgId.orElse(""), region, baseUrl, budget, collector, executor));
            }
            return orgs;
        }

        /**
         * The conventional single-org environment ({@value ConfigEnvironment#ORG_ID}, {@value ConfigEnvironment#REGION} or
         * {@value ConfigEnvironment#BASE_URL}; credentials from GENESYSCLOUD_OAUTHCLIENT_ID/_SECRET), when the file lists no org.
         */
        private Optional<Org> orgFromEnvironment() {
            String orgId = environment.get(ConfigEnvironment.ORG_ID);
            if (orgId == null || orgId.isBlank()) {
                return Optional.empty();
            }
            Optional<String> region = Optional.ofNullable(environment.get(ConfigEnvironment.REGION)).filter(s -> !s.isBlank());
            Optional<String> baseUrl = Optional.ofNullable(environment.get(ConfigEnvironment.BASE_URL)).filter(s -> !s.isBlank());
            if (region.isEmpty() && baseUrl.isEmpty()) {
                problems.add(new ConfigProblem("orgs", 0, ConfigEnvironment.ORG_ID + " is set but neither " + ConfigEnvironment.REGION
                        + " nor " + ConfigEnvironment.BASE_URL + " (e.g. " + ConfigEnvironment.REGION + "=us-east-1)"));
                return Optional.empty();
            }
            region.ifPresent(r -> {
                try {
                    GenesysRegion.of(r);
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem("orgs", 0, e.getMessage() + " (from environment variable " + ConfigEnvironment.REGION + ")"));
                }
            });
            return Optional.of(new Org(orgId.trim(), region.map(String::trim), baseUrl.map(String::trim), Optional.empty(),
                    Identity.FROM_ENVIRONMENT, Identity.FROM_ENVIRONMENT));
        }

        private Identity identity(JsonNode org, String at, Identity fallback) {
            String name = at.substring(at.lastIndexOf('.') + 1);
            JsonNode node = org.get(name);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isObject()) {
                problem(at, "must be a mapping with credentialsFile (and optionally clientId)");
                return fallback;
            }
            unknownKeys(node, at + ".", IDENTITY);
            return new Identity(readableFile(node, at + ".", "credentialsFile"), text(node, at + ".", "clientId"));
        }

        private CollectorStage collector(JsonNode node) {
            CollectorStage d = CollectorStage.DEFAULT;
            Optional<Duration> every = duration(node, "collector.", "every", false);
            int backfill = intIn(node, "collector.", "backfillDays", d.backfillDays(), 1, 3650);
            Duration settle = duration(node, "collector.", "auditSettle", true).orElse(d.auditSettle());
            String transactionalId = kafkaId(node, "collector.", "transactionalId", d.transactionalId());
            Optional<Integer> parallelOrgs = node.has("parallelOrgs")
                    ? Optional.of(intIn(node, "collector.", "parallelOrgs", 0, 1, CollectorSettings.MAX_PARALLEL_ORGS)) : Optional.empty();
            Optional<String> group = node.has("group") ? Optional.of(kafkaId(node, "collector.", "group", "")) : Optional.empty();
            return new CollectorStage(every, backfill, settle, transactionalId, port(node, "collector."), parallelOrgs, group);
        }

        private AnalyzerStage analyzer(JsonNode node) {
            AnalyzerStage d = AnalyzerStage.DEFAULT;
            String applicationId = kafkaId(node, "analyzer.", "applicationId", d.applicationId());
            Optional<Path> stateDir = pathAt("analyzer.stateDir", node.get("stateDir"));
            Duration punctuation = duration(node, "analyzer.", "punctuationInterval", false).orElse(d.punctuationInterval());
            int threads = intIn(node, "analyzer.", "streamThreads", d.streamThreads(), 1, 64);
            return new AnalyzerStage(applicationId, stateDir, punctuation, threads, port(node, "analyzer."));
        }

        private ExecutorStage executor(JsonNode node) {
            ExecutorStage d = ExecutorStage.DEFAULT;
            boolean execute = bool(node, "executor.", "execute", d.execute());
            Optional<Duration> quarantine = duration(node, "executor.", "quarantine", false);
            boolean strict = bool(node, "executor.", "strictExpiry", d.strictExpiry());
            String groupId = kafkaId(node, "executor.", "groupId", d.groupId());
            String transactionalId = kafkaId(node, "executor.", "transactionalId", d.transactionalId());
            Optional<Path> killSwitch = pathAt("executor.killSwitchFile", node.get("killSwitchFile"));
            return new ExecutorStage(execute, quarantine, strict, groupId, transactionalId, killSwitch, port(node, "executor."));
        }

        private NotifierStage notifier(JsonNode node) {
            NotifierStage d = NotifierStage.DEFAULT;
            Optional<Smtp> smtp = node.has("smtp") ? smtp(section(node, "smtp", SMTP, "notifier.smtp")) : Optional.empty();
            boolean webhooks = bool(node, "notifier.", "webhooks", d.webhooks());
            WebhookPayload.Format format = choice(node, "notifier.", "webhookFormat", WebhookPayload.Format.class, d.webhookFormat());
            Optional<Path> keyFile = readableFile(node, "notifier.", "webhookKeyFile");
            Optional<URI> approvalsUrl = text(node, "notifier.", "approvalsUrl").map(u -> {
                url("notifier.approvalsUrl", u);
                return URI.create(u);
            });
            Duration debounce = duration(node, "notifier.", "debounce", true).orElse(d.debounce());
            Duration maxWait = duration(node, "notifier.", "maxWait", false).orElse(d.maxWait());
            int perMinute = intIn(node, "notifier.", "perMinute", d.perMinute(), 1, 100_000);
            String transactionalId = kafkaId(node, "notifier.", "transactionalId", d.transactionalId());
            return new NotifierStage(smtp, webhooks, format, keyFile, approvalsUrl, debounce, maxWait, perMinute, transactionalId);
        }

        private Optional<Smtp> smtp(JsonNode node) {
            Optional<String> host = text(node, "notifier.smtp.", "host");
            int port = intIn(node, "notifier.smtp.", "port", Smtp.DEFAULT_PORT, 1, 65_535);
            MailChannel.Security security = choice(node, "notifier.smtp.", "security", MailChannel.Security.class, Smtp.DEFAULT_SECURITY);
            String from = text(node, "notifier.smtp.", "from").orElse(Smtp.DEFAULT_FROM);
            if (!from.matches("[^@\\s]+@[^@\\s]+")) {
                problem("notifier.smtp.from", "must be an e-mail address (was '" + from + "')");
            }
            Optional<String> user = text(node, "notifier.smtp.", "user");
            Optional<Path> passwordFile = readableFile(node, "notifier.smtp.", "passwordFile");
            if (passwordFile.isPresent() && user.isEmpty()) {
                problem("notifier.smtp.passwordFile", "is given but notifier.smtp.user is not: the password is that user's");
            }
            if (host.isEmpty()) {
                problem("notifier.smtp", "needs a host (the SMTP server, e.g. host: smtp.example.com)");
                return Optional.empty();
            }
            return Optional.of(new Smtp(host.get(), port, security, from, user, passwordFile));
        }

        /** One of an enum's constants, written in any case ({@code starttls}, {@code SLACK}). */
        private <E extends Enum<E>> E choice(JsonNode parent, String prefix, String name, Class<E> type, E defaultValue) {
            Optional<String> text = text(parent, prefix, name);
            if (text.isEmpty()) {
                return defaultValue;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text.get())) {
                    return constant;
                }
            }
            List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            problem(prefix + name, "must be one of " + String.join(", ", names) + " (was '" + text.get() + "')");
            return defaultValue;
        }

        private void ports(CollectorStage collector, AnalyzerStage analyzer, ExecutorStage executor) {
            Map<Integer, String> used = new HashMap<>();
            for (var entry : Map.of("collector", collector.metricsPort(), "analyzer", analyzer.metricsPort(),
                    "executor", executor.metricsPort()).entrySet()) {
                entry.getValue().ifPresent(port -> {
                    String other = used.putIfAbsent(port, entry.getKey());
                    if (other != null) {
                        problem(entry.getKey() + ".metricsPort", "port " + port + " is already " + other + ".metricsPort");
                    }
                });
            }
        }

        private Optional<Integer> port(JsonNode node, String prefix) {
            return node.has("metricsPort") ? Optional.of(intIn(node, prefix, "metricsPort", 0, 1, 65_535)) : Optional.empty();
        }

        /** A nested mapping; absent means all defaults, unknown keys are problems. */
        private JsonNode section(JsonNode root, String key, Set<String> known) {
            return section(root, key, known, key);
        }

        /** @param at the section's full key, for messages ({@code notifier.smtp}) */
        private JsonNode section(JsonNode root, String key, Set<String> known, String at) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                problem(at, "must be a mapping (known keys: " + String.join(", ", new TreeSet<>(known)) + ")");
                return JsonNodeFactory.instance.objectNode();
            }
            unknownKeys(node, at + ".", known);
            return node;
        }

        private void unknownKeys(JsonNode node, String prefix, Set<String> known) {
            node.fieldNames().forEachRemaining(k -> {
                if (!known.contains(k)) {
                    problem(prefix + k, "unknown key (known keys here: " + String.join(", ", new TreeSet<>(known)) + ")");
                }
            });
        }

        private Optional<String> text(JsonNode parent, String prefix, String name) {
            JsonNode node = parent.get(name);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isValueNode() || node.asText().isBlank()) {
                problem(prefix + name, "must be a non-blank value");
                return Optional.empty();
            }
            return Optional.of(node.asText().trim());
        }

        private String kafkaId(JsonNode parent, String prefix, String name, String defaultValue) {
            String value = text(parent, prefix, name).orElse(defaultValue);
            if (!KAFKA_ID.matcher(value).matches()) {
                problem(prefix + name, "must be letters, digits, '.', '_' or '-' (was '" + value + "')");
            }
            return value;
        }

        private int intIn(JsonNode parent, String prefix, String name, int defaultValue, int min, int max) {
            JsonNode node = parent.get(name);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            String key = prefix + name;
            if (!node.canConvertToInt() || !(node.isIntegralNumber() || node.asText().matches("-?\\d{1,10}"))) {
                problem(key, "must be a whole number between " + min + " and " + max + " (was '" + node.asText() + "')");
                return defaultValue;
            }
            int value = node.isIntegralNumber() ? node.intValue() : Integer.parseInt(node.asText());
            if (value < min || value > max) {
                problem(key, "must be between " + min + " and " + max + " (was " + value + ")");
                return defaultValue;
            }
            return value;
        }

        private boolean bool(JsonNode parent, String prefix, String name, boolean defaultValue) {
            JsonNode node = parent.get(name);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.isBoolean()) {
                problem(prefix + name, "must be true or false (was '" + node.asText() + "')");
                return defaultValue;
            }
            return node.booleanValue();
        }

        /** {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d}. */
        private Optional<Duration> duration(JsonNode parent, String prefix, String name, boolean zeroAllowed) {
            Optional<String> text = text(parent, prefix, name);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Matcher m = DURATION.matcher(text.get());
            if (!m.matches()) {
                problem(prefix + name, "must be a number (at most 9 digits) and a unit s, m, h or d, e.g. 15m (was '" + text.get() + "')");
                return Optional.empty();
            }
            long amount = Long.parseLong(m.group(1));
            Duration value = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (value.isZero() && !zeroAllowed) {
                problem(prefix + name, "must be positive");
                return Optional.empty();
            }
            return Optional.of(value);
        }

        private Optional<Path> path(JsonNode parent, String key) {
            return pathAt(key, parent.get(key));
        }

        private Optional<Path> pathAt(String key, JsonNode node) {
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                problem(key, "must be a file path");
                return Optional.empty();
            }
            Path path = Path.of(node.asText().trim());
            return Optional.of(path.isAbsolute() || base == null ? path : base.resolve(path).normalize());
        }

        /** A path that must name a readable file now: a deployment that cannot read its credentials must not start. */
        private Optional<Path> readableFile(JsonNode parent, String prefix, String name) {
            Optional<Path> path = pathAt(prefix + name, parent.get(name));
            path.ifPresent(p -> {
                if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                    problem(prefix + name, "no such readable file: " + p);
                }
            });
            return path;
        }

        private void url(String key, String value) {
            try {
                URI uri = URI.create(value);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problem(key, "must be an http(s) URL (was '" + value + "')");
                }
            } catch (IllegalArgumentException e) {
                problem(key, "must be an http(s) URL (was '" + value + "')");
            }
        }

        private void problem(String key, String message) {
            String variable = fromEnvironment.get(key);
            problems.add(variable != null
                    ? new ConfigProblem(key, 0, message + " (from environment variable " + variable + ")")
                    : new ConfigProblem(key, yaml.line(key), message));
        }

        private DeploymentConfigException failure() {
            return new DeploymentConfigException(source, problems);
        }
    }
}
