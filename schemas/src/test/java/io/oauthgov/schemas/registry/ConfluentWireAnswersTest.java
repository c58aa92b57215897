package io.oauthgov.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact answers (status, body) of the endpoints and errors the recordings do not cover, as Confluent's
 * serializers, kafkajs' registry client and tools like {@code curl | jq} see them on the wire.
 */
class ConfluentWireAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THING_V1 = "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
    private static final String THING_REQUIRED_B = "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"b\",\"type\":\"string\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private SchemaRegistryServer server;

    @BeforeEach
    void start() throws Exception {
        server = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
        call("POST", "/subjects/things-value/versions", schema(THING_V1));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registeringAgainIsIdempotent() throws Exception {
        assertThat(call("POST", "/subjects/things-value/versions", schema(THING_V1))).isEqualTo(answer(200, "{\"id\":1}"));
        assertThat(call("GET", "/subjects/things-value/versions", null)).isEqualTo(answer(200, "[1]"));
    }

    @Test
    void bareSchemaOfAVersionIsTheSchemaItself() throws Exception {
        assertThat(call("GET", "/subjects/things-value/versions/1/schema", null)).isEqualTo(answer(200, THING_V1));
        assertThat(call("GET", "/subjects/things-value/versions/latest/schema", null)).isEqualTo(answer(200, THING_V1));
    }

    @Test
    void idsVersionsTypesAndModeAnswerAsConfluentDoes() throws Exception {
        assertThat(call("GET", "/schemas/ids/1/versions", null)).isEqualTo(answer(200, "[{\"subject\":\"things-value\",\"version\":1}]"));
        assertThat(call("GET", "/schemas/types", null)).isEqualTo(answer(200, "[\"AVRO\"]"));
        assertThat(call("GET", "/mode", null)).isEqualTo(answer(200, "{\"mode\":\"READWRITE\"}"));
        assertThat(call("GET", "/config/things-value?defaultToGlobal=true", null))
                .isEqualTo(answer(200, "{\"compatibilityLevel\":\"BACKWARD\"}"));
    }

    @Test
    void softDeletesAnswerTheDeletedVersions() throws Exception {
        assertThat(call("DELETE", "/subjects/things-value/versions/latest", null)).isEqualTo(answer(200, "1"));
        assertThat(call("GET", "/subjects", null)).isEqualTo(answer(200, "[]"));
        assertThat(call("GET", "/schemas/ids/1", null).body().get("schema").asText()).as("the id stays readable").isEqualTo(THING_V1);
    }

    @Test
    void permanentDeleteIsRefusedWithAReason() throws Exception {
        Answer answer = call("DELETE", "/subjects/things-value?permanent=true", null);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(42205);
        assertThat(answer.body().get("message").asText()).contains("soft delete");
    }

    @Test
    void incompatibleSchemaIs409WithTheBackwardProblem() throws Exception {
        Answer answer = call("POST", "/subjects/things-value/versions", schema(THING_REQUIRED_B));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(409);
        assertThat(answer.body().get("message").asText()).contains("incompatible with an earlier schema").contains("BACKWARD");
    }

    @Test
    void verboseCompatibilityCheckListsTheMessages() throws Exception {
        Answer answer = call("POST", "/compatibility/subjects/things-value/versions/1?verbose=true", schema(THING_REQUIRED_B));

        assertThat(answer.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(answer.body().get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void badInputGetsConfluentsCodes() throws Exception {
        assertThat(call("POST", "/subjects/things-value/versions", schema("{\"type\":\"recrod\"}")).body().get("error_code").asInt())
                .as("invalid schema").isEqualTo(42201);
        assertThat(call("POST", "/subjects/things-value/versions", "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}")
                .body().get("message").asText()).as("other formats").contains("AVRO only");
        assertThat(call("GET", "/subjects/things-value/versions/0", null)).isEqualTo(answer(422, "{\"error_code\":42202,\"message\":"
                + "\"The specified version '0' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \\\"latest\\\"\"}"));
        assertThat(call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}").body().get("error_code").asInt()).isEqualTo(42203);
        assertThat(call("GET", "/contexts/nope", null).status()).isEqualTo(404);
    }

    private static String schema(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private record Answer(int status, JsonNode body) {}

    private static Answer answer(int status, String body) throws Exception {
        return new Answer(status, JSON.readTree(body));
    }

    private Answer call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }
}
