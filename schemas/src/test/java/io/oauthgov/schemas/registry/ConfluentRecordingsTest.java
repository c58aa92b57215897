package io.oauthgov.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Recorded answers of a real Confluent Schema Registry ({@code src/test/resources/confluent/quickstart-recordings.json},
 * with where they come from) pin the protocol from both sides: the in-process server gives the same answers to the
 * same requests, and {@link RestSchemaRegistryClient} reads Confluent's answers.
 */
class ConfluentRecordingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema STRING = Schema.create(Schema.Type.STRING);

    @Test
    void inProcessServerAnswersEachRecordedRequestAsConfluentDid() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (SchemaRegistryServer server = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0)) {
            for (JsonNode exchange : exchanges()) {
                if (!exchange.path("fresh").asBoolean()) {
                    continue;
                }
                HttpRequest.BodyPublisher body = exchange.has("request")
                        ? HttpRequest.BodyPublishers.ofString(exchange.get("request").toString()) : HttpRequest.BodyPublishers.noBody();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + exchange.get("path").asText()))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .method(exchange.get("method").asText(), body).build(), HttpResponse.BodyHandlers.ofString());

                String name = exchange.get("name").asText();
                assertThat(response.statusCode()).as(name).isEqualTo(exchange.get("status").asInt());
                assertThat(response.headers().firstValue("Content-Type")).as(name).contains("application/vnd.schemaregistry.v1+json");
                JsonNode answer = JSON.readTree(response.body());
                if (exchange.path("unordered").asBoolean()) {
                    assertThat(elements(answer)).as(name).containsExactlyInAnyOrderElementsOf(elements(exchange.get("response")));
                } else {
                    assertThat(answer).as(name).isEqualTo(exchange.get("response"));
                }
            }
        }
    }

    @Test
    void clientReadsConfluentsRecordedAnswers() throws Exception {
        try (Replay replay = new Replay(exchanges())) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(replay.url());

            assertThat(client.register("Kafka-value", STRING)).isEqualTo(1);
            assertThat(client.subjects()).containsExactly("Kafka-value", "Kafka-key");
            assertThat(client.versions("Kafka-value")).containsExactly(1);
            assertThat(new RestSchemaRegistryClient(replay.url()).schemaById(1)).isEqualTo(STRING);
            assertThat(client.version("Kafka-value", 1)).isEqualTo(new SchemaRegistry.RegisteredSchema("Kafka-value", 1, 1, STRING));
            assertThat(client.latest("Kafka-value")).contains(new SchemaRegistry.RegisteredSchema("Kafka-value", 1, 1, STRING));
            assertThat(client.lookup("Kafka-key", STRING)).isEqualTo(new SchemaRegistry.RegisteredSchema("Kafka-key", 1, 1, STRING));
            assertThat(client.isCompatible("Kafka-value", STRING)).isTrue();
            assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
            assertThat(client.deleteVersion("Kafka-value", 3)).isEqualTo(3);
            assertThat(client.deleteSubject("Kafka-value")).containsExactly(1, 2, 3, 4, 5);
        }
    }

    @Test
    void clientTurnsConfluentsErrorBodiesIntoTheirCodesAndMessages() throws Exception {
        try (Replay replay = new Replay(exchanges())) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(replay.url());

            assertThatThrownBy(() -> client.versions("Nope-value"))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401))
                    .hasMessageContaining("Subject 'Nope-value' not found.");
            assertThatThrownBy(() -> client.version("Kafka-value", 7))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
            assertThatThrownBy(() -> client.schemaById(42))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
            assertThat(client.idOf("Kafka-key", Schema.create(Schema.Type.INT))).as("40403 on lookup is 'not registered'").isEmpty();
            assertThat(client.subjectCompatibility("Kafka-key")).as("40408 is 'follows the global level'").isEmpty();
        }
    }

    private static List<JsonNode> exchanges() throws IOException {
        try (InputStream in = ConfluentRecordingsTest.class.getResourceAsStream("/confluent/quickstart-recordings.json")) {
            return elements(JSON.readTree(in).get("exchanges"));
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** A loopback server that answers each recorded request (method, path and body) with its recorded answer. */
    private static final class Replay implements AutoCloseable {
        private final HttpServer server;

        Replay(List<JsonNode> exchanges) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    JsonNode request = body.isEmpty() ? null : JSON.readTree(body);
                    JsonNode match = exchanges.stream()
                            .filter(e -> e.get("method").asText().equals(exchange.getRequestMethod()))
                            .filter(e -> e.get("path").asText().equals(exchange.getRequestURI().getPath()))
                            .filter(e -> request == null || !e.has("request") || sameSchemaRequest(e.get("request"), request))
                            .findFirst().orElse(null);
                    byte[] answer = match == null ? "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}".getBytes(StandardCharsets.UTF_8)
                            : JSON.writeValueAsBytes(match.get("response"));
                    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
                    exchange.sendResponseHeaders(match == null ? 404 : match.get("status").asInt(), answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.start();
        }

        /** The client sends schemas in their compact form; the recordings hold them as typed by hand. */
        private static boolean sameSchemaRequest(JsonNode recorded, JsonNode sent) {
            if (!recorded.has("schema")) {
                return recorded.equals(sent);
            }
            return new Schema.Parser().parse(recorded.get("schema").asText())
                    .equals(new Schema.Parser().parse(sent.path("schema").asText()));
        }

        String url() {
            return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
