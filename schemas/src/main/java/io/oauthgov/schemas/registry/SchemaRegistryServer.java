package io.oauthgov.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;

/**
 * Serves a {@link SchemaRegistryAdmin} over the Confluent REST protocol on loopback, so the embedded mode offers the
 * same URL-based contract as a real deployment: any Confluent-compatible client (ours, Confluent's serdes with
 * {@code auto.register.schemas=false}, kafkajs' registry client, a Kafka Connect worker) can point at {@link #url()}.
 *
 * <p>The subset clients and tools use, with Confluent's answers and error bodies
 * ({@code {"error_code":40401,"message":"Subject 'x' not found."}}): subjects and their versions (list, get, get the
 * bare schema, look up, register, soft delete), schemas by id and the versions using one, schema types, compatibility
 * levels ({@code /config}), compatibility checks with the project's Avro check, and {@code /mode} (always
 * READWRITE). Avro only; permanent deletes and schema references are refused with a message saying so. Optionally
 * behind HTTP basic auth and TLS ({@link Security}), as a production registry is.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int STORE_ERROR = 50001;

    private final SchemaRegistryAdmin registry;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Security security;

    /**
     * What a client must bring: {@code basicAuthUserInfo} ({@code user:password}) when non-null, and TLS when
     * {@code tls} is non-null.
     */
    public record Security(String basicAuthUserInfo, SSLContext tls) {
        public static final Security NONE = new Security(null, null);

        @Override
        public String toString() {
            return "Security[basicAuth=" + (basicAuthUserInfo != null) + ", tls=" + (tls != null) + "]";
        }
    }

    private SchemaRegistryServer(SchemaRegistryAdmin registry, HttpServer server, ExecutorService executor, Security security) {
        this.registry = registry;
        this.server = server;
        this.executor = executor;
        this.security = security;
    }

    /** Starts on 127.0.0.1 over plain HTTP without authentication; port 0 picks a free port. */
    public static SchemaRegistryServer start(SchemaRegistryAdmin registry, int port) throws IOException {
        return start(registry, port, Security.NONE);
    }

    /** Starts on 127.0.0.1 with the given security; port 0 picks a free port. */
    public static SchemaRegistryServer start(SchemaRegistryAdmin registry, int port, Security security) throws IOException {
        // TCP_NODELAY, or every small answer waits out the client's delayed ACK. Read once, by the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer server;
        if (security.tls() != null) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(security.tls()));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        SchemaRegistryServer registryServer = new SchemaRegistryServer(registry, server, executor, security);
        server.createContext("/", registryServer::handle);
        server.setExecutor(executor);
        server.start();
        return registryServer;
    }

    public String url() {
        String scheme = security.tls() == null ? "http" : "https";
        return scheme + "://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SchemaRegistryAdmin registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
                reply(exchange, 401, error(SchemaRegistryException.UNAUTHORIZED, "Unauthorized"));
                return;
            }
            String[] parts = exchange.getRequestURI().getRawPath().replaceAll("^/+|/+$", "").split("/");
            Request request = new Request(exchange.getRequestMethod(), parts, query(exchange), exchange);
            try {
                reply(exchange, 200, route(request));
            } catch (SchemaRegistryException e) {
                reply(exchange, e.httpStatus(), error(e.errorCode(), e.getMessage()));
            } catch (JsonProcessingException e) {
                reply(exchange, 400, error(400, "Unrecognized or malformed JSON request body: " + e.getOriginalMessage()));
            } catch (RuntimeException e) {
                // An answer rather than a dropped connection, as Confluent's store errors are.
                reply(exchange, 500, error(STORE_ERROR, "Error in the backend datastore: " + e));
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        if (security.basicAuthUserInfo() == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] expected = Base64.getEncoder().encode(security.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
        // Constant-time, so the answer's timing does not leak how much of a guess was right.
        return MessageDigest.isEqual(expected, header.substring(6).trim().getBytes(StandardCharsets.US_ASCII));
    }

    private record Request(String method, String[] path, Map<String, String> query, HttpExchange exchange) {
        boolean is(String verb, String... pattern) {
            if (!method.equals(verb) || path.length != pattern.length) {
                return false;
            }
            for (int i = 0; i < pattern.length; i++) {
                if (!pattern[i].equals("*") && !pattern[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }

        String segment(int i) {
            return URLDecoder.decode(path[i], StandardCharsets.UTF_8);
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(query.getOrDefault(name, "false"));
        }
    }

    private JsonNode route(Request r) throws IOException {
        if (r.is("GET", "subjects")) {
            return strings(registry.subjects());
        }
        if (r.is("GET", "subjects", "*", "versions")) {
            return ints(registry.versions(r.segment(1)));
        }
        if (r.is("GET", "subjects", "*", "versions", "*")) {
            return registered(version(r.segment(1), r.segment(3)));
        }
        if (r.is("GET", "subjects", "*", "versions", "*", "schema")) {
            return JSON.readTree(version(r.segment(1), r.segment(3)).schema().toString(false));
        }
        if (r.is("POST", "subjects", "*")) {
            return registered(registry.lookup(r.segment(1), readSchema(r.exchange())));
        }
        if (r.is("POST", "subjects", "*", "versions")) {
            return JSON.createObjectNode().put("id", registry.register(r.segment(1), readSchema(r.exchange())));
        }
        if (r.is("DELETE", "subjects", "*")) {
            refusePermanent(r);
            return ints(registry.deleteSubject(r.segment(1)));
        }
        if (r.is("DELETE", "subjects", "*", "versions", "*")) {
            refusePermanent(r);
            String subject = r.segment(1);
            return IntNode.valueOf(registry.deleteVersion(subject, version(subject, r.segment(3)).version()));
        }
        if (r.is("GET", "schemas", "ids", "*")) {
            return JSON.createObjectNode().put("schema", registry.schemaById(id(r.segment(2))).toString(false));
        }
        if (r.is("GET", "schemas", "ids", "*", "versions")) {
            ArrayNode array = JSON.createArrayNode();
            registry.subjectVersions(id(r.segment(2))).forEach(sv -> array.addObject()
                    .put("subject", sv.subject()).put("version", sv.version()));
            return array;
        }
        if (r.is("GET", "schemas", "types")) {
            return strings(List.of("AVRO"));
        }
        if (r.is("GET", "config")) {
            return JSON.createObjectNode().put("compatibilityLevel", registry.globalCompatibility().name());
        }
        if (r.is("PUT", "config")) {
            CompatibilityLevel level = readLevel(r.exchange());
            registry.setGlobalCompatibility(level);
            return JSON.createObjectNode().put("compatibility", level.name());
        }
        if (r.is("GET", "config", "*")) {
            String subject = r.segment(1);
            CompatibilityLevel level = r.flag("defaultToGlobal") ? registry.effectiveCompatibility(subject)
                    : registry.subjectCompatibility(subject).orElseThrow(() -> new SchemaRegistryException(
                            SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                            "Subject '" + subject + "' does not have subject-level compatibility configured"));
            return JSON.createObjectNode().put("compatibilityLevel", level.name());
        }
        if (r.is("PUT", "config", "*")) {
            CompatibilityLevel level = readLevel(r.exchange());
            registry.setSubjectCompatibility(r.segment(1), level);
            return JSON.createObjectNode().put("compatibility", level.name());
        }
        if (r.is("POST", "compatibility", "subjects", "*", "versions", "*")) {
            String subject = r.segment(2);
            Schema schema = readSchema(r.exchange());
            List<String> problems = registry.compatibilityProblems(subject, version(subject, r.segment(4)).version(), schema);
            ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
            if (r.flag("verbose")) {
                problems.forEach(answer.putArray("messages")::add);
            }
            return answer;
        }
        if (r.is("GET", "mode")) {
            return JSON.createObjectNode().put("mode", "READWRITE");
        }
        throw new SchemaRegistryException(SchemaRegistryException.ENDPOINT_NOT_FOUND,
                "HTTP 404 Not Found: no such endpoint in this registry: " + r.method() + " /" + String.join("/", r.path()));
    }

    /** A version segment: a number in [1, 2^31-1], or "latest" (also spelled -1). */
    private SchemaRegistry.RegisteredSchema version(String subject, String segment) {
        if (segment.equals("latest") || segment.equals("-1")) {
            List<Integer> versions = registry.versions(subject);
            return registry.version(subject, versions.get(versions.size() - 1));
        }
        int version;
        try {
            version = Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            version = 0;
        }
        if (version < 1) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_VERSION, "The specified version '" + segment
                    + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        return registry.version(subject, version);
    }

    private static int id(String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + segment + " not found");
        }
    }

    private static void refusePermanent(Request r) {
        if (r.flag("permanent")) {
            throw new SchemaRegistryException(SchemaRegistryException.OPERATION_NOT_PERMITTED,
                    "Permanent deletes are not supported by this registry: a deleted version's id must stay readable for"
                            + " the records written with it; a soft delete (without permanent=true) removes the version");
        }
    }

    private static Schema readSchema(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (body == null || !body.hasNonNull("schema") || body.get("schema").asText().isBlank()) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: schema may not be empty");
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: schemaType " + type + " is not supported by this registry (AVRO only)");
        }
        if (body.path("references").size() > 0) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: schema references are not supported by this registry; inline the referenced types");
        }
        try {
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (RuntimeException e) { // SchemaParseException, or AvroTypeException and others for a malformed type
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }

    private static CompatibilityLevel readLevel(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        return CompatibilityLevel.parse(body == null ? null : body.path("compatibility").asText(null));
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new TreeMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static ObjectNode registered(SchemaRegistry.RegisteredSchema schema) {
        return JSON.createObjectNode().put("subject", schema.subject()).put("version", schema.version())
                .put("id", schema.id()).put("schema", schema.schema().toString(false));
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode ints(List<Integer> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", Objects.requireNonNullElse(message, ""));
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
