package io.oauthgov.simulator.generator;

import java.util.List;

/**
 * The integration registry the generator emits next to the organization: every PROTECTED client (protected=true)
 * plus some owned clients that are not protected, so a registry entry alone never means "protected".
 */
public record IntegrationRegistry(List<RegistryEntry> entries) {
    public static final String HEADER = "orgId,clientId,clientName,owner,system,criticality,protected";

    public IntegrationRegistry {
        entries = List.copyOf(entries);
    }

    public String toCsv() {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (RegistryEntry e : entries) {
            csv.append(String.join(",", e.orgId(), e.clientId(), quote(e.clientName()), quote(e.owner()),
                    quote(e.system()), e.criticality(), Boolean.toString(e.protectedClient()))).append('\n');
        }
        return csv.toString();
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
