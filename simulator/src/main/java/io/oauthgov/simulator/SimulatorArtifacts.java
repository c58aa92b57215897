package io.oauthgov.simulator;

import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Files the simulator writes for the demo and for humans: {@code truth.json}, {@code identities.json} (credentials,
 * owner-readable only) and {@code deleted.json}. (The CLI writes the registry's CMDB export, {@code registry.csv}.)
 */
public final class SimulatorArtifacts {
    public static final String TRUTH = "truth.json";
    public static final String IDENTITIES = "identities.json";
    public static final String DELETED = "deleted.json";

    private SimulatorArtifacts() {
    }

    public static void writeAll(GenesysSimulator simulator, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(TRUTH), simulator.groundTruth().toJson(), StandardCharsets.UTF_8);
        writeIdentities(simulator, dir.resolve(IDENTITIES));
        simulator.deletionLog().writeTo(dir.resolve(DELETED));
    }

    /**
     * {@code {"baseUrl": ..., "identities": [{orgId, region, domain, clientId, secret, role, permissions}]}}.
     * It holds secrets by design (the demo needs them), so it is created readable by its owner only.
     */
    public static void writeIdentities(GenesysSimulator simulator, Path file) throws IOException {
        List<Map<String, Object>> identities = new ArrayList<>();
        for (ApiIdentity identity : simulator.allIdentities()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("orgId", identity.orgId());
            entry.put("region", identity.region());
            entry.put("domain", identity.domain());
            entry.put("clientId", identity.clientId());
            entry.put("secret", identity.secret());
            entry.put("name", identity.name());
            entry.put("role", identity.role().name());
            entry.put("permissions", new TreeSet<>(identity.permissions()));
            identities.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("baseUrl", simulator.port() > 0 ? simulator.baseUrl() : null);
        document.put("identities", identities);
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, Json.pretty(document), StandardCharsets.UTF_8);
    }
}
