package io.oauthgov.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API (and compatible servers such as Apicurio's ccompat endpoint
 * or {@link SchemaRegistryServer}), with HTTP basic auth and TLS as {@link RegistryClientSettings} describes. Ids and
 * schemas are immutable once assigned, so both directions are cached: after warm-up, serializing and deserializing
 * make no HTTP calls. Errors keep the registry's error code and message; the credentials never appear in them.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryAdmin {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClientSettings settings;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(String baseUrl) {
        this(RegistryClientSettings.of(baseUrl));
    }

    public RestSchemaRegistryClient(RegistryClientSettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.timeout());
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.http = builder.build();
        this.authorization = settings.userInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(settings.userInfo().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema.toString(false);
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", subjectPath(subject) + "/versions", schemaBody(schema));
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
            int id = lookup(subject, schema).id();
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
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registered(subject, call("POST", subjectPath(subject), schemaBody(schema)));
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
            JsonNode answer = call("POST", "compatibility/" + subjectPath(subject) + "/versions/latest", schemaBody(schema));
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
            return Optional.of(registered(subject, call("GET", subjectPath(subject) + "/versions/latest", null)));
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

    @Override
    public List<Integer> versions(String subject) {
        return ints(call("GET", subjectPath(subject) + "/versions", null));
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registered(subject, call("GET", subjectPath(subject) + "/versions/" + version, null));
    }

    @Override
    public List<SubjectVersion> subjectVersions(int id) {
        List<SubjectVersion> found = new ArrayList<>();
        call("GET", "schemas/ids/" + id + "/versions", null)
                .forEach(n -> found.add(new SubjectVersion(n.path("subject").asText(), n.path("version").asInt())));
        return found;
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        return ints(call("DELETE", subjectPath(subject), null));
    }

    @Override
    public int deleteVersion(String subject, int version) {
        return call("DELETE", subjectPath(subject) + "/versions/" + version, null).asInt();
    }

    @Override
    public List<String> compatibilityProblems(String subject, int version, Schema schema) {
        JsonNode answer = call("POST", "compatibility/" + subjectPath(subject) + "/versions/" + version + "?verbose=true",
                schemaBody(schema));
        if (answer.path("is_compatible").asBoolean(false)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        answer.path("messages").forEach(m -> problems.add(m.asText()));
        return problems.isEmpty() ? List.of("incompatible (the registry gave no details)") : problems;
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return CompatibilityLevel.parse(call("GET", "config", null).path("compatibilityLevel").asText());
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        call("PUT", "config", JSON.createObjectNode().put("compatibility", level.name()).toString());
    }

    @Override
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        try {
            return Optional.of(CompatibilityLevel.parse(call("GET", "config/" + encode(subject), null)
                    .path("compatibilityLevel").asText()));
        } catch (SchemaRegistryException e) {
            // 40408 from Confluent 5.5 on; older registries and some compatible servers answer 40401.
            if (e.errorCode() == SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED
                    || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", "config/" + encode(subject), JSON.createObjectNode().put("compatibility", level.name()).toString());
    }

    /** {@code GET /mode}: READWRITE, READONLY or IMPORT. */
    public String mode() {
        return call("GET", "mode", null).path("mode").asText();
    }

    /** {@code GET /schemas/types}: the schema formats the registry accepts. */
    public List<String> schemaTypes() {
        List<String> types = new ArrayList<>();
        call("GET", "schemas/types", null).forEach(n -> types.add(n.asText()));
        return types;
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.baseUri().resolve(path))
                .timeout(settings.timeout())
                .header("Accept", CONTENT_TYPE);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
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
                    "Schema registry at " + settings.displayUrl() + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.UNAVAILABLE, "Interrupted calling the schema registry", e);
        }
        String route = method + " /" + path.replaceFirst("\\?.*", "");
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new SchemaRegistryException(response.statusCode(), "Schema registry " + route + ": HTTP "
                    + response.statusCode() + (authorization == null ? " (no credentials were sent; set "
                    + RegistryClientSettings.USER_INFO + ")" : " (the credentials in " + RegistryClientSettings.USER_INFO
                    + " were refused)"));
        }
        JsonNode json = parse(response.body(), route);
        if (response.statusCode() / 100 != 2) {
            int code = json.path("error_code").asInt(response.statusCode());
            String message = json.path("message").asText("HTTP " + response.statusCode());
            throw new SchemaRegistryException(code, "Schema registry " + route + ": " + message);
        }
        return json;
    }

    private static JsonNode parse(String body, String route) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(SchemaRegistryException.UNAVAILABLE,
                    "Schema registry answered " + route + " with malformed JSON", e);
        }
    }

    private static RegisteredSchema registered(String subject, JsonNode answer) {
        return new RegisteredSchema(answer.path("subject").asText(subject), answer.path("id").asInt(),
                answer.path("version").asInt(), new Schema.Parser().parse(answer.path("schema").asText()));
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asInt()));
        return values;
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString(false)).toString();
    }

    private static String subjectPath(String subject) {
        return "subjects/" + encode(subject);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
