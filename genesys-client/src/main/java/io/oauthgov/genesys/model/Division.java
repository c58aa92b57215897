package io.oauthgov.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An authorization division ({@code AuthzDivision}); one per organization is the home division. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Division(String id, String name, String description, Boolean homeDivision) {}
