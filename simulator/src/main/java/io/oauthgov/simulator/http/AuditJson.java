package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.model.AuditEntry;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.TokenGrant;

/** The wire form of an audit log message ({@code AuditLogMessage} in the SDK). */
final class AuditJson {

    private AuditJson() {
    }

    static ObjectNode render(AuditEntry e, String orgId) {
        ObjectNode node = Json.object();
        node.put("id", e.id());
        node.put("userHomeOrgId", orgId);
        if (e.user() != null) {
            node.putObject("user").put("id", e.user().id()).put("name", e.user().name())
                    .put("selfUri", "/api/v2/users/" + e.user().id());
        }
        if (e.clientId() != null) {
            node.putObject("client").put("id", e.clientId())
                    .put("selfUri", ClientJson.CLIENTS_PATH + "/" + e.clientId());
        }
        node.putArray("remoteIp").add(e.remoteIp());
        node.put("serviceName", e.serviceName());
        node.put("level", e.level());
        node.put("eventDate", Json.instant(e.eventDate()));
        ObjectNode message = node.putObject("message");
        if (TokenGrant.isTokenGrant(e)) {
            // the codes a real token grant carries (see TokenGrant for the sources)
            message.put("localizableMessageCode", TokenGrant.messageCode(e));
            message.put("message", TokenGrant.message(e));
            message.put("messageWithParams", "");
        } else {
            message.put("localizableMessageCode", e.entityType() + "." + e.action());
            message.put("message", e.action() + " " + e.entityType() + " " + e.entity().name());
        }
        message.putObject("messageParams");
        node.put("action", e.action());
        ObjectNode entity = node.putObject("entity").put("id", e.entity().id());
        if (e.entity().name() != null) {
            entity.put("name", e.entity().name());
        }
        node.put("entityType", e.entityType());
        node.put("status", e.status());
        node.put("application", e.clientId() == null ? "platform" : "oauth-client");
        ArrayNode changes = node.putArray("propertyChanges");
        for (AuditEntry.PropertyChange change : e.propertyChanges()) {
            ObjectNode c = changes.addObject();
            c.put("property", change.property());
            change.oldValues().forEach(c.putArray("oldValues")::add);
            change.newValues().forEach(c.putArray("newValues")::add);
        }
        node.putObject("context");
        node.putArray("entityChanges");
        return node;
    }
}
