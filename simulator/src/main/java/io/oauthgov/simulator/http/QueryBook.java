package io.oauthgov.simulator.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Submitted asynchronous queries by id. */
public final class QueryBook<T> {
    private final Map<String, AsyncQuery<T>> queries = new ConcurrentHashMap<>();

    public AsyncQuery<T> add(AsyncQuery<T> query) {
        queries.put(query.id(), query);
        return query;
    }

    /** The query, only if it was submitted in this org for this owner (no peeking across orgs). */
    public Optional<AsyncQuery<T>> find(String id, String orgId, String owner) {
        return Optional.ofNullable(queries.get(id)).filter(q -> q.belongsTo(orgId, owner));
    }
}
