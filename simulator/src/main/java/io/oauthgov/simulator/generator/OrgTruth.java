package io.oauthgov.simulator.generator;

import java.util.List;

/** Ground truth of one organization; identities are listed without secrets. */
public record OrgTruth(String orgId, String name, String region, List<IdentityTruth> identities,
        List<ClientTruth> clients) {

    public record IdentityTruth(String clientId, String role, List<String> permissions) {
    }

    public OrgTruth {
        identities = List.copyOf(identities);
        clients = List.copyOf(clients);
    }
}
