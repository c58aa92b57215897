package io.oauthgov.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An OAuth client as the API describes it — minus the secret. There is deliberately no {@code secret} component:
 * the API returns one, Jackson drops it on reading, so it can never be logged, published or sent back.
 * Grant type and state stay strings so a value the platform adds tomorrow cannot break a snapshot.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuthClient(
        String id,
        String name,
        String description,
        Long accessTokenValiditySeconds,
        List<String> registeredRedirectUri,
        List<String> roleIds,
        List<RoleDivision> roleDivisions,
        Instant dateCreated,
        Instant dateModified,
        EntityRef createdBy,
        EntityRef modifiedBy,
        String authorizedGrantType,
        List<String> scope,
        String state,
        Instant dateToDelete) {

    public OAuthClient {
        registeredRedirectUri = registeredRedirectUri == null ? List.of() : List.copyOf(registeredRedirectUri);
        roleIds = roleIds == null ? List.of() : List.copyOf(roleIds);
        roleDivisions = roleDivisions == null ? List.of() : List.copyOf(roleDivisions);
        scope = scope == null ? List.of() : List.copyOf(scope);
    }

    public OAuthClient withState(String newState) {
        return new OAuthClient(id, name, description, accessTokenValiditySeconds, registeredRedirectUri, roleIds,
                roleDivisions, dateCreated, dateModified, createdBy, modifiedBy, authorizedGrantType, scope, newState, dateToDelete);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoleDivision(String roleId, String divisionId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntityRef(String id, String name) {}
}
