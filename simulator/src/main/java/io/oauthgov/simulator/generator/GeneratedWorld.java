package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.Organization;
import java.util.List;
import java.util.Map;

/** Everything the generator produced: live organizations, their API identities, ground truth and registry. */
public record GeneratedWorld(List<Organization> organizations, Map<String, List<ApiIdentity>> identities,
        GroundTruth truth, IntegrationRegistry registry) {

    public GeneratedWorld {
        organizations = List.copyOf(organizations);
        identities = Map.copyOf(identities);
    }
}
