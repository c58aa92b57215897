package io.oauthgov.cli;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Files that let the other commands talk to a standalone simulator: {@code collect-orgs.yaml} for
 * {@code oauthgov collect --config}, {@code execute-orgs.yaml} for {@code oauthgov execute|reconcile --config}, one
 * owner-readable credentials file per identity, an owner-readable approval HMAC key, and {@code analyzer.properties}
 * naming each org's executor identity, the approvers and the key file (read by both {@code analyze} and {@code execute}). Keeps secrets out of command lines and compose files.
 */
final class SimulatorClientFiles {
    static final String COLLECT_CONFIG = "collect-orgs.yaml";
    static final String EXECUTE_CONFIG = "execute-orgs.yaml";
    static final String ANALYZER_SETTINGS = "analyzer.properties";
    /** The approval HMAC key (hex text): {@code approve --hmac-key-file} signs with it, the analyzer and the executor verify. */
    static final String APPROVAL_KEY = "approval-hmac.key";

    private SimulatorClientFiles() {}

    /** @param publicBaseUrl the URL other processes use to reach the simulator (e.g. http://simulator:8089 in compose) */
    static List<Path> write(GenesysSimulator simulator, Path dir, String publicBaseUrl) throws IOException {
        Path credentials = Files.createDirectories(dir.resolve("credentials"));
        StringBuilder yaml = new StringBuilder("orgs:\n");
        StringBuilder executeYaml = new StringBuilder("orgs:\n");
        StringBuilder analyzer = new StringBuilder("# Approvals from these approvers pass the gate in every org; edit for real use.\n")
                .append(AnalyzerSettings.APPROVERS_PREFIX).append(AnalyzerSettings.ALL_ORGS).append("=approver@example.test\n");
        List<Path> written = new ArrayList<>();
        for (String orgId : simulator.orgIds()) {
            Path collectorFile = credentialsFile(credentials, orgId, simulator.identity(orgId, IdentityRole.COLLECTOR), "collector");
            Path executorFile = credentialsFile(credentials, orgId, simulator.identity(orgId, IdentityRole.EXECUTOR), "executor");
            written.add(collectorFile);
            written.add(executorFile);
            orgEntry(yaml, orgId, publicBaseUrl, collectorFile);
            orgEntry(executeYaml, orgId, publicBaseUrl, executorFile);
            analyzer.append(AnalyzerSettings.IDENTITY_PREFIX).append(orgId).append('=')
                    .append(simulator.identity(orgId, IdentityRole.EXECUTOR).clientId()).append('\n');
        }
        written.add(Files.writeString(dir.resolve(COLLECT_CONFIG), yaml));
        written.add(Files.writeString(dir.resolve(EXECUTE_CONFIG), executeYaml));
        Path key = dir.resolve(APPROVAL_KEY);
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        Files.writeString(key, java.util.HexFormat.of().formatHex(random) + "\n");
        ownerOnly(key);
        written.add(key);
        analyzer.append(AnalyzerSettings.HMAC_KEY_FILE).append('=').append(key.toAbsolutePath()).append('\n');
        written.add(Files.writeString(dir.resolve(ANALYZER_SETTINGS), analyzer));
        return written;
    }

    private static Path credentialsFile(Path dir, String orgId, ApiIdentity identity, String role) throws IOException {
        Path file = dir.resolve(orgId + "-" + role + ".properties");
        Files.writeString(file, "clientId=" + identity.clientId() + "\nclientSecret=" + identity.secret() + "\n");
        ownerOnly(file);
        return file;
    }

    private static void orgEntry(StringBuilder yaml, String orgId, String baseUrl, Path credentialsFile) {
        yaml.append("  - orgId: ").append(orgId).append('\n')
                .append("    baseUrl: ").append(baseUrl).append('\n')
                .append("    credentialsFile: ").append(credentialsFile.toAbsolutePath()).append('\n');
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the operator's own permissions apply.
        }
    }
}
