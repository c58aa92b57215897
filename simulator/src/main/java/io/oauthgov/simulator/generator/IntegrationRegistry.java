package io.oauthgov.simulator.generator;

import java.util.List;

/**
 * The integration registry the generator emits next to the organization: every PROTECTED client (protected=true)
 * plus some owned clients that are not protected, so a registry entry alone never means "protected". The CMDB export
 * ({@code registry.csv}) is rendered from it by the CLI, which writes every CSV through one spreadsheet-safe writer.
 */
public record IntegrationRegistry(List<RegistryEntry> entries) {
    public IntegrationRegistry {
        entries = List.copyOf(entries);
    }
}
