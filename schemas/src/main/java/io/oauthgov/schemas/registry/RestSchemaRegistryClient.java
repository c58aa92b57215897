package io.oauthgov.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API (and compatible servers such as Apicurio's ccompat endpoint
 * or {@link SchemaRegistryServer}). Ids and schemas are immutable once assigned, so both directions are cached:
 * after warm-up, serializing and deserializing make no HTTP calls.
 */
public final class RestSchemaRegistryClient implements SchemaRegistry {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    public RestSchemaRegistryClient(String baseUrl, Duration timeout) {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("schema registry URL must start with http:// or https://, got: " + baseUrl);
        }
        this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema.toString(false);
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        idsBySubjectAndSchema.put(cacheKey, id);
        return id;
    }

    @Override
    public OptionalInt idOf(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema.toString(false);
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return OptionalInt.of(cached);
        }
        try {
            JsonNode answer = call("POST", "subjects/" + encode(subject), schemaBody(schema));
            int id = answer.path("id").asInt();
            idsBySubjectAndSchema.put(cacheKey, id);
            return OptionalInt.of(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "schemas/ids/" + id, null);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = call("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        try {
            JsonNode answer = call("GET", "subjects/" + encode(subject) + "/versions/latest", null);
            Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
            return Optional.of(new RegisteredSchema(subject, answer.path("id").asInt(), answer.path("version").asInt(), schema));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "subjects", null).forEach(n -> subjects.add(n.asText()));
        return subjects;
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException(SchemaRegistryException.UNAVAILABLE,
                    "Schema registry at " + baseUri + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.UNAVAILABLE, "Interrupted calling the schema registry", e);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            int code = json.path("error_code").asInt(response.statusCode());
            String message = json.path("message").asText("HTTP " + response.statusCode());
            throw new SchemaRegistryException(code, "Schema registry " + method + " /" + path + ": " + message);
        }
        return json;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(SchemaRegistryException.UNAVAILABLE, "Schema registry answered with malformed JSON", e);
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString(false)).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
