package io.oauthgov.simulator.generator;

/** One row of the integration registry (a CMDB export): who owns a client and whether it must never be removed. */
public record RegistryEntry(String orgId, String clientId, String clientName, String owner, String system,
        String criticality, boolean protectedClient) {
}
