package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.model.Json;
import java.util.List;
import java.util.function.Function;

/**
 * The paged entity listing Genesys answers list calls with ({@code *EntityListing} in the SDK): one page of
 * entities plus {@code pageSize}, {@code pageNumber}, {@code total}, {@code pageCount} and the first, next,
 * previous, last and self URIs. {@code pageSize} and {@code pageNumber} come from the query.
 */
final class EntityListing {
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 500;

    private EntityListing() {
    }

    static <T> ApiResponse page(ApiCall call, String path, List<T> all, Function<T, ObjectNode> render) {
        int size = Math.min(MAX_PAGE_SIZE, positive(call.query("pageSize"), DEFAULT_PAGE_SIZE));
        int page = positive(call.query("pageNumber"), 1);
        int pageCount = all.isEmpty() ? 0 : (all.size() + size - 1) / size;
        ObjectNode body = Json.object();
        ArrayNode entities = body.putArray("entities");
        all.subList(Math.min(all.size(), (page - 1) * size), Math.min(all.size(), page * size))
                .forEach(e -> entities.add(render.apply(e)));
        body.put("pageSize", size);
        body.put("pageNumber", page);
        body.put("total", all.size());
        body.put("firstUri", uri(path, 1, size));
        if (page < pageCount) {
            body.put("nextUri", uri(path, page + 1, size));
        }
        if (page > 1) {
            body.put("previousUri", uri(path, page - 1, size));
        }
        body.put("lastUri", uri(path, Math.max(1, pageCount), size));
        body.put("selfUri", uri(path, page, size));
        body.put("pageCount", pageCount);
        return ApiResponse.ok(body);
    }

    private static String uri(String path, int page, int size) {
        return path + "?pageSize=" + size + "&pageNumber=" + page;
    }

    private static int positive(String value, int fallback) {
        try {
            return value == null ? fallback : Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
