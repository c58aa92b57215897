package io.oauthgov.analyzer;

import io.oauthgov.genesys.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The analyzer's runtime configuration that is not policy: who may approve deletions in which organization, the
 * HMAC key approvals are signed with, which executor identity deletes in which organization, and how often time
 * alone re-evaluates every client. One validated object, built once at start-up and handed to the topology.
 *
 * <p>The HMAC key never lives in code, YAML or a properties file: {@link #fromProperties} reads it from the
 * environment variable {@value #HMAC_KEY_ENV} or from the file named by {@value #HMAC_KEY_FILE}, which must be
 * readable and writable by its owner only ({@link SecretFiles}; a missing or exposed file is a
 * {@link SecretFiles.SecretFileException}).
 *
 * @param approversByOrg organization id, or {@value #ALL_ORGS} for every organization, to approver ids (lower case)
 * @param executorIdentityByOrg organization id to the OAuth client id the executor deletes with
 * @param punctuationInterval how often every client is re-evaluated without new input
 */
public record AnalyzerSettings(
        Map<String, Set<String>> approversByOrg,
        Optional<byte[]> hmacKey,
        Map<String, String> executorIdentityByOrg,
        Duration punctuationInterval) {

    public static final String ALL_ORGS = "*";
    /** {@code oauthgov.analyzer.approvers.<orgId or *>=alice@example.com,bob@example.com} */
    public static final String APPROVERS_PREFIX = "oauthgov.analyzer.approvers.";
    /** {@code oauthgov.analyzer.identity.<orgId>=<executor OAuth client id>} */
    public static final String IDENTITY_PREFIX = "oauthgov.analyzer.identity.";
    public static final String PUNCTUATION_INTERVAL_MS = "oauthgov.analyzer.punctuation.interval.ms";
    public static final String HMAC_KEY_FILE = "oauthgov.analyzer.approval.hmac.key.file";
    public static final String HMAC_KEY_ENV = "OAUTHGOV_APPROVAL_HMAC_KEY";
    public static final Duration DEFAULT_PUNCTUATION_INTERVAL = Duration.ofMinutes(1);

    public AnalyzerSettings {
        approversByOrg = approversByOrg.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(AnalyzerSettings::normalize).collect(Collectors.toUnmodifiableSet())));
        hmacKey = hmacKey.map(byte[]::clone);
        executorIdentityByOrg = Map.copyOf(executorIdentityByOrg);
        Objects.requireNonNull(punctuationInterval, "punctuationInterval");
        if (punctuationInterval.isNegative() || punctuationInterval.isZero()) {
            throw new IllegalArgumentException("punctuation interval must be positive, was " + punctuationInterval);
        }
        if (hmacKey.isPresent() && hmacKey.get().length < 16) {
            throw new IllegalArgumentException("the approval HMAC key must be at least 16 bytes");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code approver} may decide about clients of {@code orgId} (case-insensitive; "*" lists count). */
    public boolean mayApprove(String orgId, String approver) {
        String who = normalize(approver);
        return approversByOrg.getOrDefault(orgId, Set.of()).contains(who)
                || approversByOrg.getOrDefault(ALL_ORGS, Set.of()).contains(who);
    }

    public Optional<String> executorIdentity(String orgId) {
        return Optional.ofNullable(executorIdentityByOrg.get(orgId));
    }

    /** From analyzer properties (see the key constants) and the environment (for the HMAC key only). */
    public static AnalyzerSettings fromProperties(Map<String, String> properties, Map<String, String> environment) {
        Builder builder = builder();
        properties.forEach((key, value) -> {
            if (key.startsWith(APPROVERS_PREFIX)) {
                builder.approvers(key.substring(APPROVERS_PREFIX.length()),
                        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new));
            } else if (key.startsWith(IDENTITY_PREFIX)) {
                builder.executorIdentity(key.substring(IDENTITY_PREFIX.length()), value.trim());
            }
        });
        String interval = properties.get(PUNCTUATION_INTERVAL_MS);
        if (interval != null) {
            try {
                builder.punctuationInterval(Duration.ofMillis(Long.parseLong(interval.trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PUNCTUATION_INTERVAL_MS + " must be a number of milliseconds, was '" + interval + "'");
            }
        }
        String fromEnv = environment.get(HMAC_KEY_ENV);
        String file = properties.get(HMAC_KEY_FILE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            builder.hmacKey(fromEnv.trim().getBytes(StandardCharsets.UTF_8));
        } else if (file != null && !file.isBlank()) {
            Path keyFile = Path.of(file.trim());
            // whoever reads the key can forge approvals: refused when others may read or write it, as credentials are
            SecretFiles.requireOwnerOnly(keyFile, "approval HMAC key file", SecretFiles.insecureAllowed(environment));
            try {
                builder.hmacKey(Files.readString(keyFile).trim().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the approval HMAC key file named by " + HMAC_KEY_FILE, e);
            }
        }
        return builder.build();
    }

    /** Never prints the HMAC key. */
    @Override
    public String toString() {
        return "AnalyzerSettings[approversByOrg=" + approversByOrg + ", hmacKey=" + (hmacKey.isPresent() ? "set" : "none")
                + ", executorIdentityByOrg=" + executorIdentityByOrg + ", punctuationInterval=" + punctuationInterval + "]";
    }

    private static String normalize(String approver) {
        return approver == null ? "" : approver.trim().toLowerCase(Locale.ROOT);
    }

    public static final class Builder {
        private final Map<String, Set<String>> approvers = new HashMap<>();
        private final Map<String, String> identities = new HashMap<>();
        private byte[] hmacKey;
        private Duration punctuationInterval = DEFAULT_PUNCTUATION_INTERVAL;

        private Builder() {}

        /** {@code orgId} may be {@value #ALL_ORGS}. */
        public Builder approvers(String orgId, String... approverIds) {
            approvers.merge(orgId, Set.of(approverIds), (a, b) -> {
                Set<String> union = new java.util.HashSet<>(a);
                union.addAll(b);
                return union;
            });
            return this;
        }

        public Builder executorIdentity(String orgId, String identityId) {
            identities.put(orgId, identityId);
            return this;
        }

        public Builder hmacKey(byte[] key) {
            this.hmacKey = key == null ? null : key.clone();
            return this;
        }

        public Builder punctuationInterval(Duration interval) {
            this.punctuationInterval = interval;
            return this;
        }

        public AnalyzerSettings build() {
            return new AnalyzerSettings(approvers, Optional.ofNullable(hmacKey), identities, punctuationInterval);
        }
    }
}
