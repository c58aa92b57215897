package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.model.EntityRef;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.RoleDivision;
import io.oauthgov.simulator.model.SimulatedClient;
import java.util.List;

/**
 * The wire form of an OAuth client. The single GET returns {@code OAuthClient}; the listing returns
 * {@code OAuthClientListing}, which has no {@code authorizedGrantType}. Both carry {@code secret}, as the SDK
 * models do: the simulator makes the pipeline prove it drops secrets rather than never seeing them.
 */
public final class ClientJson {
    public static final String CLIENTS_PATH = "/api/v2/oauth/clients";

    private ClientJson() {
    }

    public static ObjectNode full(SimulatedClient client) {
        return render(client, true);
    }

    public static ObjectNode listing(SimulatedClient client) {
        return render(client, false);
    }

    private static ObjectNode render(SimulatedClient c, boolean withGrantType) {
        ObjectNode node = Json.object();
        node.put("id", c.id());
        node.put("name", c.name());
        node.put("accessTokenValiditySeconds", c.accessTokenValiditySeconds());
        if (c.description() != null && !c.description().isEmpty()) {
            node.put("description", c.description());
        }
        strings(node.putArray("registeredRedirectUri"), c.registeredRedirectUri());
        if (c.secret() != null) {
            node.put("secret", c.secret());
        }
        strings(node.putArray("roleIds"), c.roleIds());
        node.put("dateCreated", Json.instant(c.dateCreated()));
        node.put("dateModified", Json.instant(c.dateModified()));
        ref(node, "createdBy", c.createdBy());
        ref(node, "modifiedBy", c.modifiedBy());
        if (withGrantType) {
            node.put("authorizedGrantType", c.authorizedGrantType().wireName());
        }
        strings(node.putArray("scope"), c.scope());
        ArrayNode divisions = node.putArray("roleDivisions");
        for (RoleDivision rd : c.roleDivisions()) {
            divisions.addObject().put("roleId", rd.roleId()).put("divisionId", rd.divisionId());
        }
        node.put("state", c.state().wireName());
        if (c.dateToDelete() != null) {
            node.put("dateToDelete", Json.instant(c.dateToDelete()));
        }
        node.put("selfUri", CLIENTS_PATH + "/" + c.id());
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void ref(ObjectNode node, String field, EntityRef ref) {
        if (ref == null) {
            return;
        }
        node.putObject(field).put("id", ref.id()).put("name", ref.name()).put("selfUri", "/api/v2/users/" + ref.id());
    }
}
