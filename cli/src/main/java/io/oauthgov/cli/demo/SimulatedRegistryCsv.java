package io.oauthgov.cli.demo;

import io.oauthgov.cli.csv.SafeCsv;
import io.oauthgov.simulator.generator.IntegrationRegistry;
import io.oauthgov.simulator.generator.RegistryEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The simulated organization's integration registry as the CMDB export {@code oauthgov registry import} reads:
 * {@value #FILE}, written by the demo and {@code oauthgov simulator}, and read back by the demo's import. Written
 * through {@link SafeCsv}, like every CSV oauthgov produces.
 */
public final class SimulatedRegistryCsv {
    public static final String FILE = "registry.csv";
    static final List<String> HEADER = List.of("orgId", "clientId", "clientName", "owner", "system", "criticality", "protected");

    private SimulatedRegistryCsv() {}

    public static String render(IntegrationRegistry registry) {
        List<List<String>> rows = registry.entries().stream().map(SimulatedRegistryCsv::row).toList();
        return SafeCsv.write(HEADER, rows);
    }

    /** Writes {@value #FILE} into {@code dir} and returns its path. */
    public static Path write(IntegrationRegistry registry, Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(FILE), render(registry), StandardCharsets.UTF_8);
    }

    private static List<String> row(RegistryEntry e) {
        return List.of(e.orgId(), e.clientId(), e.clientName(), e.owner(), e.system(), e.criticality(),
                Boolean.toString(e.protectedClient()));
    }
}
