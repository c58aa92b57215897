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
 * {@code oauthgov collect --config}, one owner-readable credentials file per collector identity, and
 * {@code analyzer.properties} naming each org's executor identity. Keeps secrets out of command lines and compose files.
 */
final class SimulatorClientFiles {
    static final String COLLECT_CONFIG = "collect-orgs.yaml";
    static final String ANALYZER_SETTINGS = "analyzer.properties";

    private SimulatorClientFiles() {}

    /** @param publicBaseUrl the URL other processes use to reach the simulator (e.g. http://simulator:8089 in compose) */
    static List<Path> write(GenesysSimulator simulator, Path dir, String publicBaseUrl) throws IOException {
        Path credentials = Files.createDirectories(dir.resolve("credentials"));
        StringBuilder yaml = new StringBuilder("orgs:\n");
        StringBuilder analyzer = new StringBuilder("# Approvals from these approvers pass the gate in every org; edit for real use.\n")
                .append(AnalyzerSettings.APPROVERS_PREFIX).append(AnalyzerSettings.ALL_ORGS).append("=approver@example.test\n");
        List<Path> written = new ArrayList<>();
        for (String orgId : simulator.orgIds()) {
            ApiIdentity collector = simulator.identity(orgId, IdentityRole.COLLECTOR);
            Path file = credentials.resolve(orgId + "-collector.properties");
            Files.writeString(file, "clientId=" + collector.clientId() + "\nclientSecret=" + collector.secret() + "\n");
            ownerOnly(file);
            written.add(file);
            yaml.append("  - orgId: ").append(orgId).append('\n')
                    .append("    baseUrl: ").append(publicBaseUrl).append('\n')
                    .append("    credentialsFile: ").append(file.toAbsolutePath()).append('\n');
            analyzer.append(AnalyzerSettings.IDENTITY_PREFIX).append(orgId).append('=')
                    .append(simulator.identity(orgId, IdentityRole.EXECUTOR).clientId()).append('\n');
        }
        written.add(Files.writeString(dir.resolve(COLLECT_CONFIG), yaml));
        written.add(Files.writeString(dir.resolve(ANALYZER_SETTINGS), analyzer));
        return written;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the operator's own permissions apply.
        }
    }
}
