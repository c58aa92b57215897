package io.oauthgov.cli.dev;

import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The files that let every command run against a simulated stack: {@code oauthgov.yaml} (the deployment file), one
 * owner-only credentials file per identity and an owner-only approval HMAC key. Paths in the YAML are relative to
 * its directory, so the directory can be mounted elsewhere (a container's {@code /shared}) or moved. Secrets stay
 * out of the YAML, command lines and compose files.
 *
 * <p>An existing key is kept: approvals signed before a restart must still verify after it.
 */
public final class StackFiles {
    public static final String CONFIG = "oauthgov.yaml";
    public static final String APPROVAL_KEY = "approval-hmac.key";
    /** The shipped policy without the notice period, so a local stack can approve what it just proposed. */
    public static final String POLICY = "policy.yaml";
    public static final String CREDENTIALS_DIR = "credentials";
    /** Approvals from this id pass the gate in every simulated org; edit the YAML for real use. */
    public static final String APPROVER = "approver@example.test";
    /** Told about the simulated orgs' unowned clients. */
    public static final String FALLBACK_CONTACT = "security-team@example.test";

    private StackFiles() {}

    /**
     * @param kafka how the stages reach Kafka and the schema registry
     * @param simulatorUrl how the stages reach the simulator (e.g. http://simulator:8089 in compose)
     * @param requestsPerMinute each identity's budget as the simulator enforces it (0: leave it to the response headers)
     * @param extra stage settings appended as they are (YAML), e.g. short quarantines for a local stack
     * @return the deployment file
     */
    public static Path write(GenesysSimulator simulator, Path dir, String kafka, String registryUrl, String simulatorUrl,
                             int requestsPerMinute, String extra) throws IOException {
        Files.createDirectories(dir);
        Path credentials = Files.createDirectories(dir.resolve(CREDENTIALS_DIR));
        StringBuilder yaml = new StringBuilder()
                .append("# The deployment file of a simulated stack, written by oauthgov. Every command takes --config ").append(CONFIG).append(".\n")
                .append("# Secrets are not in here: credentials files and the approval key are owner-only files beside it.\n")
                .append("kafka:\n")
                .append("  bootstrapServers: ").append(kafka).append('\n')
                .append("  schemaRegistryUrl: ").append(registryUrl).append('\n')
                .append("  replicationFactor: 1          # one broker\n")
                .append("policyFile: ").append(POLICY).append("   # the shipped policy with noticeDays: 0 (see its first lines)\n")
                .append("approvals:\n")
                .append("  approvers:\n")
                .append("    \"*\": [").append(APPROVER).append("]   # who may approve in every org\n")
                .append("  keyFile: ").append(APPROVAL_KEY).append('\n')
                .append("orgs:\n");
        for (String orgId : simulator.orgIds()) {
            yaml.append("  - orgId: ").append(orgId).append('\n')
                    .append("    baseUrl: ").append(simulatorUrl).append('\n');
            if (requestsPerMinute > 0) {
                yaml.append("    requestsPerMinute: ").append(requestsPerMinute).append('\n');
            }
            yaml
                    .append("    collector:\n")
                    .append("      credentialsFile: ").append(credentialsFile(credentials, orgId, simulator.identity(orgId, IdentityRole.COLLECTOR), "collector")).append('\n')
                    .append("    executor:\n")
                    .append("      credentialsFile: ").append(credentialsFile(credentials, orgId, simulator.identity(orgId, IdentityRole.EXECUTOR), "executor")).append('\n');
        }
        yaml.append(extra);
        writePolicy(dir.resolve(POLICY));
        Path key = dir.resolve(APPROVAL_KEY);
        if (!Files.exists(key)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.writeString(key, HexFormat.of().formatHex(random) + "\n");
        }
        ownerOnly(key);
        return Files.writeString(dir.resolve(CONFIG), yaml);
    }

    /**
     * The shipped policy with {@code noticeDays: 0}: a simulated org has no owners to wait for, and the walkthrough
     * approves minutes after the first collection. Production keeps the shipped 7 days.
     */
    private static void writePolicy(Path file) throws IOException {
        String shipped;
        try (var in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
            shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String local = shipped.replaceFirst("(?m)^noticeDays: \\d+$", "noticeDays: 0   # a simulated stack: approvals need no notice period (shipped: 7)");
        if (local.equals(shipped)) {
            throw new IllegalStateException("the shipped policy has no top-level noticeDays line to lift");
        }
        // Unowned clients' notices go to a simulated security team (the stack's mail server keeps them in mail/).
        local = local.replaceFirst("(?m)^# ownerAbsentContact:\n#   \"\\*\": security-team@example.com$",
                "ownerAbsentContact:\n  \"*\": " + FALLBACK_CONTACT + "   # a simulated stack's security team");
        Files.writeString(file, "# Written by oauthgov for a simulated stack: the shipped policy (`oauthgov policy show`) without the\n"
                + "# notice period, so approvals pass minutes after the first collection. Never use this in production.\n" + local);
    }

    /** @return the path relative to the stack directory */
    private static String credentialsFile(Path dir, String orgId, ApiIdentity identity, String role) throws IOException {
        Path file = dir.resolve(orgId + "-" + role + ".properties");
        Files.deleteIfExists(file);
        Files.createFile(file);
        ownerOnly(file); // before the secret is written, so it is never readable by others, even for a moment
        Files.writeString(file, "clientId=" + identity.clientId() + "\nclientSecret=" + identity.secret() + "\n");
        return CREDENTIALS_DIR + "/" + file.getFileName();
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the operator's own permissions apply.
        }
    }
}
