package io.oauthgov.collector;

import io.oauthgov.genesys.GenesysClient;

/** One organization to collect, reached through one collector identity's client. */
public record OrgTarget(String orgId, String region, GenesysClient api) {}
