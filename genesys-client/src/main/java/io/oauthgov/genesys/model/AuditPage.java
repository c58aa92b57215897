package io.oauthgov.genesys.model;

import java.util.List;

/** One page of audit query results; {@code cursor} is null on the last page. */
public record AuditPage(List<AuditEntry> entities, String cursor) {
    public AuditPage {
        entities = List.copyOf(entities);
    }
}
