package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.simulator.model.ClientState;
import io.oauthgov.simulator.model.EntityRef;
import io.oauthgov.simulator.model.GrantType;
import io.oauthgov.simulator.model.RoleDivision;
import io.oauthgov.simulator.model.SimulatedClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a PUT body: the whole client is replaced, so a field left out is cleared (description, scopes, roles,
 * redirect URIs) or defaulted ({@code state} becomes {@code active}). Id, secret, creation facts and a pending
 * {@code dateToDelete} are the server's. Restoring a client pending deletion (state active) cancels the purge.
 */
final class ClientUpdate {

    /** Either the new client or the reason the body is invalid. */
    record Result(SimulatedClient client, String error) {
    }

    private ClientUpdate() {
    }

    static Result apply(SimulatedClient current, JsonNode body, Instant now, EntityRef by) {
        if (body == null || !body.isObject()) {
            return invalid("The request body must be a JSON object");
        }
        String name = text(body, "name");
        if (name == null || name.isBlank()) {
            return invalid("name is required");
        }
        String grantText = text(body, "authorizedGrantType");
        if (grantText == null) {
            return invalid("authorizedGrantType is required");
        }
        Optional<GrantType> grant = GrantType.fromWire(grantText);
        if (grant.isEmpty()) {
            return invalid("authorizedGrantType must be one of CODE, TOKEN, SAML2-BEARER, PASSWORD, "
                    + "CLIENT-CREDENTIALS");
        }
        String stateText = text(body, "state");
        Optional<ClientState> state = stateText == null ? Optional.of(ClientState.ACTIVE)
                : ClientState.fromWire(stateText);
        if (state.isEmpty()) {
            return invalid("state must be one of active, disabled, inactive");
        }
        List<String> redirects = strings(body, "registeredRedirectUri");
        if (grant.get().needsRedirectUri() && redirects.isEmpty()) {
            return invalid("registeredRedirectUri is required for the " + grantText + " grant");
        }
        JsonNode validity = body.get("accessTokenValiditySeconds");
        long validitySeconds = validity == null || validity.isNull() ? 86_400 : validity.asLong();
        if (validitySeconds < 300 || validitySeconds > 172_800) {
            return invalid("accessTokenValiditySeconds must be between 300 and 172800");
        }
        // only an inactive client can be waiting for its purge; any other state cancels it
        Instant dateToDelete = state.get() == ClientState.INACTIVE ? current.dateToDelete() : null;
        return new Result(new SimulatedClient(current.id(), name, text(body, "description"), validitySeconds,
                redirects, current.secret(), strings(body, "roleIds"), roleDivisions(body), current.dateCreated(), now,
                current.createdBy(), by, grant.get(), strings(body, "scope"), state.get(), dateToDelete), null);
    }

    private static Result invalid(String message) {
        return new Result(null, message);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode body, String field) {
        List<String> values = new ArrayList<>();
        JsonNode array = body.get(field);
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static List<RoleDivision> roleDivisions(JsonNode body) {
        List<RoleDivision> values = new ArrayList<>();
        JsonNode array = body.get("roleDivisions");
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(new RoleDivision(v.path("roleId").asText(), v.path("divisionId").asText())));
        }
        return values;
    }
}
