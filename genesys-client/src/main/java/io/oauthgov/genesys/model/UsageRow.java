package io.oauthgov.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** One row of a usage query: a client's requests in one granularity bucket starting at {@code date}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageRow(
        String clientId,
        String clientName,
        String organizationId,
        String templateUri,
        String httpMethod,
        long status200,
        long status300,
        long status400,
        long status500,
        long status429,
        long requests,
        Instant date) {}
