package io.oauthgov.genesys;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;

/**
 * A successful (2xx) or expected (404 on a read) answer, its body kept as the bytes that arrived. A caller reads it
 * straight into the model it wants ({@link #read}): one parse, not a JSON tree and then a mapping of it, and a field
 * of the wrong shape (a listing's {@code entities} that is not an array) fails instead of reading as nothing.
 * {@link #body()} still gives the tree for the few small answers read field by field.
 */
public final class ApiResponse {
    private static final ObjectMapper TREES = new ObjectMapper();
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final int status;
    private final byte[] body;
    private final String correlationId;
    /** The call, which a parse failure names (never the body, which can hold secrets); only then is it put in words. */
    private final String method;
    private final URI uri;
    private final ApiIdentity identity;

    public ApiResponse(int status, byte[] body, String correlationId, String method, URI uri, ApiIdentity identity) {
        this.status = status;
        this.body = body == null || isBlank(body) ? EMPTY_OBJECT : body;
        this.correlationId = correlationId;
        this.method = method;
        this.uri = uri;
        this.identity = identity;
    }

    public int status() {
        return status;
    }

    public String correlationId() {
        return correlationId;
    }

    /** The body as a tree; an empty body is {@code {}}. */
    public JsonNode body() {
        try {
            return TREES.readTree(body);
        } catch (IOException e) {
            throw malformed("JSON", e);
        }
    }

    /** The body read straight into {@code type} by {@code mapper}; an empty body reads as {@code {}}. */
    public <T> T read(ObjectMapper mapper, JavaType type, String what) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            // The message names the resource and the exception's class, never the body: bodies can hold secrets.
            throw malformed(what + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private GenesysApiException malformed(String what, Exception cause) {
        return new GenesysApiException(method + " " + uri.getPath() + " as " + identity + ": malformed " + what + " in a " + status + " response", status,
                "malformed.response", null, correlationId, false, cause);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
