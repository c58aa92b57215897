package io.oauthgov.analyzer.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.oauthgov.avro.Severity;
import io.oauthgov.schemas.contact.Contact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a policy from YAML and refuses it unless every key is known and every value is in range. Problems name the
 * key and its line: the tree Jackson builds has no positions, so a first pass walks the parser's tokens and records
 * the line of every key (and list item) by its dotted path; validation then looks lines up by path.
 *
 * <p>Keys absent from the file take the defaults of the shipped policy, except {@code id} and {@code version},
 * which every policy must state because they are stamped on every event it causes.
 */
public final class PolicyLoader {
    /** Classpath location of the shipped policy. */
    public static final String DEFAULT_RESOURCE = "/policy/default-policy.yaml";
    /** The shortest and longest quarantine a policy may set; an operator's override is held to them too. */
    public static final int MIN_QUARANTINE_DAYS = 1;
    public static final int MAX_QUARANTINE_DAYS = 365;

    static final Set<String> TOP_LEVEL_KEYS = Set.of("id", "version", "staleWindowDays", "gracePeriodDays", "snoozeDays",
            "quarantineDays", "excludedGrantTypes", "publicGrantTypes", "highRiskScopePatterns", "maxTokenValidityHours", "rules", "evidence", "limits", "privilege",
            "noticeDays", "ownerAbsentContact");
    static final Set<String> EVIDENCE_KEYS = Set.of("maxUsageLagHours", "maxAuditLagHours", "requireAudit", "pendingEvidenceMinutes");
    static final Set<String> LIMIT_KEYS = Set.of("maxDeletionsPerOrgPerDay", "maxFractionPerOrg", "surgeFraction");
    static final Set<String> PRIVILEGE_KEYS = Set.of("adminRoleNames", "identityAdminPermissions", "sensitivePermissions");
    private static final Set<String> RULE_KEYS = Set.of("enabled", "severity");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern GRANT_TYPE = Pattern.compile("[A-Z0-9_-]{1,64}");
    private static final List<String> DEFAULT_GRANTS = List.of("CODE", "TOKEN", "SAML2-BEARER");
    private static final List<String> DEFAULT_SCOPE_PATTERNS =
            List.of("admin", "\\*", "\\*:\\*", "*:write", "oauth", "authorization", "scim");

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private PolicyLoader() {}

    /** The policy shipped with the analyzer. */
    public static Policy loadDefault() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default policy " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A policy file, e.g. the operator's override. */
    public static Policy load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy " + file, e);
        }
    }

    /**
     * @param source names the text in error messages (a file name)
     * @throws PolicyValidationException naming every offending key and its line
     */
    public static Policy parse(String yaml, String source) {
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root;
        try {
            recordKeyLines(yaml, lines);
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new PolicyValidationException(source, List.of(new PolicyValidationException.Problem(
                    "(document)", line, "not valid YAML: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Validation(lines, source).policy(root);
    }

    private static void recordKeyLines(String yaml, Map<String, Integer> lines) throws IOException {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonStreamContext context = parser.getParsingContext();
                if (token == JsonToken.FIELD_NAME || (context.inArray() && !token.isStructEnd())) {
                    lines.putIfAbsent(path(context), parser.currentTokenLocation().getLineNr());
                }
            }
        }
    }

    /** Dotted path of the current key or list item, e.g. {@code rules.stale-unused.severity}, {@code x[2]}. */
    private static String path(JsonStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                segments.add(0, "." + c.getCurrentName());
            }
        }
        String joined = String.join("", segments);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    /** One validation run: collects every problem before failing, so a reviewer sees them all at once. */
    private static final class Validation {
        private final Map<String, Integer> lines;
        private final String source;
        private final List<PolicyValidationException.Problem> problems = new ArrayList<>();

        Validation(Map<String, Integer> lines, String source) {
            this.lines = lines;
            this.source = source;
        }

        Policy policy(JsonNode root) {
            if (root == null || !root.isObject()) {
                problem("(document)", "must be a mapping of policy keys");
                throw failure();
            }
            root.fieldNames().forEachRemaining(key -> {
                if (!TOP_LEVEL_KEYS.contains(key)) {
                    problem(key, "unknown key (known keys: " + String.join(", ", TOP_LEVEL_KEYS.stream().sorted().toList()) + ")");
                }
            });
            String id = requiredText(root, "id");
            if (id != null && !ID.matcher(id).matches()) {
                problem("id", "must be 1-64 letters, digits, '.', '_' or '-' (was '" + id + "')");
            }
            String version = requiredText(root, "version");
            int staleDays = intIn(root, "staleWindowDays", 180, 1, 3650);
            int graceDays = intIn(root, "gracePeriodDays", 14, 0, 365);
            int snoozeDays = intIn(root, "snoozeDays", 30, 0, 3650);
            int quarantineDays = intIn(root, "quarantineDays", 7, MIN_QUARANTINE_DAYS, MAX_QUARANTINE_DAYS);
            int maxHours = intIn(root, "maxTokenValidityHours", 24, 1, 87_600);
            Set<String> excluded = grantTypes(root, "excludedGrantTypes");
            Set<String> publicGrants = grantTypes(root, "publicGrantTypes");
            List<ScopePattern> patterns = scopePatterns(root);
            Map<RuleId, RuleSettings> rules = rules(root.get("rules"));
            EvidenceRequirements evidence = evidence(section(root, "evidence", EVIDENCE_KEYS));
            BlastRadius limits = limits(section(root, "limits", LIMIT_KEYS));
            PrivilegeSettings privilege = privilege(section(root, "privilege", PRIVILEGE_KEYS));
            NoticeSettings notice = notice(root);
            if (!problems.isEmpty()) {
                throw failure();
            }
            return new Policy(id, version, Duration.ofDays(staleDays), Duration.ofDays(graceDays), Duration.ofDays(snoozeDays),
                    Duration.ofDays(quarantineDays), excluded, publicGrants, patterns, maxHours, rules, evidence, limits, privilege, notice);
        }

        private NoticeSettings notice(JsonNode root) {
            int days = intIn(root, "noticeDays", (int) NoticeSettings.DEFAULT.period().toDays(), 0, 365);
            Map<String, Contact> fallback = new java.util.TreeMap<>();
            JsonNode node = root.get("ownerAbsentContact");
            if (node != null && !node.isNull()) {
                if (!node.isObject()) {
                    problem("ownerAbsentContact", "must be a mapping of org id (or \"*\" for every other org) to an e-mail"
                            + " address or https:// webhook URL");
                } else {
                    node.fields().forEachRemaining(entry -> {
                        try {
                            fallback.put(entry.getKey(), Contact.parse(entry.getValue().isValueNode() ? entry.getValue().asText() : ""));
                        } catch (Contact.InvalidContactException e) {
                            problem("ownerAbsentContact." + entry.getKey(), e.getMessage());
                        }
                    });
                }
            }
            return new NoticeSettings(Duration.ofDays(Math.max(0, days)), fallback); // a negative value is a problem above
        }

        private PrivilegeSettings privilege(JsonNode node) {
            List<String> adminRoles = strings(node, "privilege.", "adminRoleNames", PrivilegeSettings.DEFAULT_ADMIN_ROLE_NAMES);
            return new PrivilegeSettings(adminRoles,
                    permissionPatterns(node, "identityAdminPermissions", PrivilegeSettings.DEFAULT_IDENTITY_ADMIN),
                    permissionPatterns(node, "sensitivePermissions", PrivilegeSettings.DEFAULT_SENSITIVE));
        }

        private List<PermissionPattern> permissionPatterns(JsonNode node, String name, List<String> defaults) {
            List<String> texts = strings(node, "privilege.", name, defaults);
            List<PermissionPattern> patterns = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                try {
                    patterns.add(PermissionPattern.of(texts.get(i)));
                } catch (IllegalArgumentException e) {
                    problem("privilege." + name + "[" + i + "]", e.getMessage());
                }
            }
            return patterns;
        }

        private EvidenceRequirements evidence(JsonNode node) {
            EvidenceRequirements d = EvidenceRequirements.DEFAULT;
            int usageLag = intIn(node, "evidence.", "maxUsageLagHours", (int) d.maxUsageLag().toHours(), 24, 24 * 30);
            int auditLag = intIn(node, "evidence.", "maxAuditLagHours", (int) d.maxAuditLag().toHours(), 1, 24 * 30);
            int pending = intIn(node, "evidence.", "pendingEvidenceMinutes", (int) d.pendingEvidence().toMinutes(), 1, 24 * 60);
            boolean requireAudit = d.requireAudit();
            JsonNode audit = node.get("requireAudit");
            if (audit != null) {
                if (audit.isBoolean()) {
                    requireAudit = audit.booleanValue();
                } else {
                    problem("evidence.requireAudit", "must be true or false (was '" + audit.asText() + "')");
                }
            }
            return new EvidenceRequirements(Duration.ofHours(usageLag), Duration.ofHours(auditLag), requireAudit,
                    Duration.ofMinutes(pending));
        }

        private BlastRadius limits(JsonNode node) {
            BlastRadius d = BlastRadius.DEFAULT;
            int daily = intIn(node, "limits.", "maxDeletionsPerOrgPerDay", d.maxDeletionsPerOrgPerDay(), 0, 1_000_000);
            double fraction = fraction(node, "limits.", "maxFractionPerOrg", d.maxFractionPerOrg());
            double surge = fraction(node, "limits.", "surgeFraction", d.surgeFraction());
            return new BlastRadius(daily, fraction, surge);
        }

        /** A nested mapping such as {@code limits:}; absent means all defaults, unknown keys are problems. */
        private JsonNode section(JsonNode root, String key, Set<String> known) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return MAPPER.createObjectNode();
            }
            if (!node.isObject()) {
                problem(key, "must be a mapping (known keys: " + String.join(", ", known.stream().sorted().toList()) + ")");
                return MAPPER.createObjectNode();
            }
            node.fieldNames().forEachRemaining(k -> {
                if (!known.contains(k)) {
                    problem(key + "." + k, "unknown key (known keys: " + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            });
            return node;
        }

        private double fraction(JsonNode parent, String prefix, String key, double defaultValue) {
            JsonNode node = parent.get(key);
            if (node == null) {
                return defaultValue;
            }
            if (!node.isNumber() || node.doubleValue() < 0 || node.doubleValue() > 1) {
                problem(prefix + key, "must be a fraction between 0 and 1, e.g. 0.05 for 5 % (was '" + node.asText() + "')");
                return defaultValue;
            }
            return node.doubleValue();
        }

        private String requiredText(JsonNode root, String key) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                problem(key, "is required");
                return null;
            }
            if (!node.isValueNode() || node.asText().isBlank()) {
                problem(key, "must be a non-blank scalar");
                return null;
            }
            return node.asText();
        }

        private int intIn(JsonNode root, String key, int defaultValue, int min, int max) {
            return intIn(root, "", key, defaultValue, min, max);
        }

        private int intIn(JsonNode parent, String prefix, String name, int defaultValue, int min, int max) {
            String key = prefix + name;
            JsonNode node = parent.get(name);
            if (node == null) {
                return defaultValue;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                problem(key, "must be a whole number between " + min + " and " + max + " (was '" + node.asText() + "')");
                return defaultValue;
            }
            int value = node.intValue();
            if (value < min || value > max) {
                problem(key, "must be between " + min + " and " + max + " (was " + value + ")");
            }
            return value;
        }

        private List<String> strings(JsonNode root, String key, List<String> defaults) {
            return strings(root, "", key, defaults);
        }

        private List<String> strings(JsonNode parent, String prefix, String name, List<String> defaults) {
            String key = prefix + name;
            JsonNode node = parent.get(name);
            if (node == null) {
                return defaults;
            }
            if (!node.isArray()) {
                problem(key, "must be a list");
                return defaults;
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isTextual() || item.asText().isBlank()) {
                    problem(key + "[" + i + "]", "must be a non-blank string");
                } else {
                    values.add(item.asText());
                }
            }
            return values;
        }

        private Set<String> grantTypes(JsonNode root, String key) {
            List<String> values = strings(root, key, DEFAULT_GRANTS);
            Set<String> upper = new LinkedHashSet<>();
            for (int i = 0; i < values.size(); i++) {
                String grant = values.get(i).trim().toUpperCase(Locale.ROOT);
                if (!GRANT_TYPE.matcher(grant).matches()) {
                    problem(key + "[" + i + "]", "is not a grant type name (was '" + values.get(i) + "')");
                }
                upper.add(grant);
            }
            return upper;
        }

        private List<ScopePattern> scopePatterns(JsonNode root) {
            String key = "highRiskScopePatterns";
            List<String> globs = strings(root, key, DEFAULT_SCOPE_PATTERNS);
            List<ScopePattern> patterns = new ArrayList<>();
            for (int i = 0; i < globs.size(); i++) {
                try {
                    patterns.add(ScopePattern.of(globs.get(i)));
                } catch (IllegalArgumentException e) {
                    problem(key + "[" + i + "]", e.getMessage());
                }
            }
            return patterns;
        }

        private Map<RuleId, RuleSettings> rules(JsonNode node) {
            Map<RuleId, RuleSettings> rules = new EnumMap<>(RuleId.class);
            if (node == null) {
                return rules;
            }
            if (!node.isObject()) {
                problem("rules", "must be a mapping of rule id to {enabled, severity}");
                return rules;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "rules." + entry.getKey();
                RuleId rule = RuleId.byId(entry.getKey()).orElse(null);
                if (rule == null) {
                    problem(path, "unknown rule (known rules: "
                            + String.join(", ", Arrays.stream(RuleId.values()).map(RuleId::id).toList()) + ")");
                    continue;
                }
                JsonNode settings = entry.getValue();
                if (!settings.isObject()) {
                    problem(path, "must be a mapping with 'enabled' and/or 'severity'");
                    continue;
                }
                settings.fieldNames().forEachRemaining(k -> {
                    if (!RULE_KEYS.contains(k)) {
                        problem(path + "." + k, "unknown key (known keys: enabled, severity)");
                    }
                });
                boolean enabled = true;
                JsonNode enabledNode = settings.get("enabled");
                if (enabledNode != null) {
                    if (enabledNode.isBoolean()) {
                        enabled = enabledNode.booleanValue();
                    } else {
                        problem(path + ".enabled", "must be true or false (was '" + enabledNode.asText() + "')");
                    }
                }
                Severity severity = rule.defaultSeverity();
                JsonNode severityNode = settings.get("severity");
                if (severityNode != null) {
                    try {
                        severity = Severity.valueOf(severityNode.asText().trim().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        problem(path + ".severity", "must be one of " + Arrays.toString(Severity.values())
                                + " (was '" + severityNode.asText() + "')");
                    }
                }
                rules.put(rule, new RuleSettings(enabled, severity));
            }
            return rules;
        }

        private void problem(String key, String message) {
            problems.add(new PolicyValidationException.Problem(key, lines.getOrDefault(key, 0), message));
        }

        private PolicyValidationException failure() {
            return new PolicyValidationException(source, problems);
        }
    }
}
