package io.oauthgov.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.SimulatedClient;
import java.time.Instant;

/** Shared test inputs: a fixed anchor so generated history and the test clock agree. */
final class Fixtures {
    static final Instant ANCHOR = Instant.parse("2025-06-02T12:00:00Z");

    private Fixtures() {
    }

    /** A full PUT body for the client with a new state: PUT replaces everything, so send every field back. */
    static ObjectNode putBody(SimulatedClient client, String state) {
        ObjectNode body = Json.object();
        body.put("name", client.name());
        body.put("description", client.description());
        body.put("accessTokenValiditySeconds", client.accessTokenValiditySeconds());
        body.put("authorizedGrantType", client.authorizedGrantType().wireName());
        client.registeredRedirectUri().forEach(body.putArray("registeredRedirectUri")::add);
        client.roleIds().forEach(body.putArray("roleIds")::add);
        client.scope().forEach(body.putArray("scope")::add);
        var divisions = body.putArray("roleDivisions");
        client.roleDivisions().forEach(rd -> divisions.addObject().put("roleId", rd.roleId())
                .put("divisionId", rd.divisionId()));
        body.put("state", state);
        return body;
    }
}
