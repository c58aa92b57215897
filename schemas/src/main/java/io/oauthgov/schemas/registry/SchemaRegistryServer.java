package io.oauthgov.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Serves a {@link SchemaRegistry} over the Confluent REST protocol on loopback, so the embedded mode offers the
 * same URL-based contract as a real deployment: any Confluent-compatible client (ours, Confluent's serdes, a
 * Kafka Connect worker) can point at {@link #url()}. Endpoints: register, look up by schema, get by id, latest
 * version, list subjects, compatibility check against the latest version.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor;

    private SchemaRegistryServer(SchemaRegistry registry, HttpServer server, ExecutorService executor) {
        this.registry = registry;
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. */
    public static SchemaRegistryServer start(SchemaRegistry registry, int port) throws IOException {
        // TCP_NODELAY, or every small answer waits out the client's delayed ACK. Read once, by the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        SchemaRegistryServer registryServer = new SchemaRegistryServer(registry, server, executor);
        server.createContext("/", registryServer::handle);
        server.setExecutor(executor);
        server.start();
        return registryServer;
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SchemaRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getRawPath().replaceAll("^/+|/+$", "").split("/");
            String method = exchange.getRequestMethod();
            try {
                reply(exchange, 200, route(method, parts, exchange));
            } catch (SchemaRegistryException e) {
                reply(exchange, e.httpStatus(), error(e.errorCode(), e.getMessage()));
            } catch (SchemaParseException | IllegalArgumentException e) {
                reply(exchange, 422, error(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage()));
            }
        }
    }

    private JsonNode route(String method, String[] p, HttpExchange exchange) throws IOException {
        if (method.equals("GET") && p.length == 1 && p[0].equals("subjects")) {
            var array = JSON.createArrayNode();
            registry.subjects().forEach(array::add);
            return array;
        }
        if (method.equals("GET") && p.length == 3 && p[0].equals("schemas") && p[1].equals("ids")) {
            return JSON.createObjectNode().put("schema", registry.schemaById(Integer.parseInt(p[2])).toString(false));
        }
        if (method.equals("POST") && p.length == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
            return JSON.createObjectNode().put("id", registry.register(decode(p[1]), readSchema(exchange)));
        }
        if (method.equals("POST") && p.length == 2 && p[0].equals("subjects")) {
            String subject = decode(p[1]);
            Schema schema = readSchema(exchange);
            if (registry.latest(subject).isEmpty()) {
                throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
            }
            int id = registry.idOf(subject, schema).orElseThrow(() ->
                    new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
            return JSON.createObjectNode().put("subject", subject).put("id", id).put("schema", schema.toString(false));
        }
        if (method.equals("GET") && p.length == 4 && p[0].equals("subjects") && p[2].equals("versions") && p[3].equals("latest")) {
            String subject = decode(p[1]);
            var latest = registry.latest(subject).orElseThrow(() ->
                    new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found."));
            return JSON.createObjectNode().put("subject", subject).put("id", latest.id())
                    .put("version", latest.version()).put("schema", latest.schema().toString(false));
        }
        if (method.equals("POST") && p.length == 5 && p[0].equals("compatibility") && p[1].equals("subjects")
                && p[3].equals("versions")) {
            String subject = decode(p[2]);
            if (registry.latest(subject).isEmpty()) {
                throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
            }
            return JSON.createObjectNode().put("is_compatible", registry.isCompatible(subject, readSchema(exchange)));
        }
        throw new SchemaRegistryException(404, "No such endpoint: " + method + " /" + String.join("/", p));
    }

    private static Schema readSchema(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (body == null || !body.hasNonNull("schema")) {
            throw new IllegalArgumentException("request body needs a 'schema' field");
        }
        return new Schema.Parser().parse(body.get("schema").asText());
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }
}
