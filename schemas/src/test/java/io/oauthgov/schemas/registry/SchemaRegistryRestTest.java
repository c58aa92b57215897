package io.oauthgov.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.OrgKey;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client against the in-process server: both halves of the Confluent protocol in one test. */
class SchemaRegistryRestTest {
    private static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"a","type":"string"}]}""");
    private static final Schema V2_WITH_DEFAULT = new Schema.Parser().parse("""
            {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"a","type":"string"},
             {"name":"b","type":["null","string"],"default":null}]}""");
    private static final Schema V2_REQUIRED_FIELD = new Schema.Parser().parse("""
            {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"a","type":"string"},
             {"name":"b","type":"string"}]}""");

    private SchemaRegistryServer server;
    private RestSchemaRegistryClient client;

    @BeforeEach
    void start() throws Exception {
        server = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
        client = new RestSchemaRegistryClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registeringTheSameSchemaTwiceReturnsTheSameIdAndOneVersion() {
        int first = client.register("things-value", V1);
        int second = new RestSchemaRegistryClient(server.url()).register("things-value", V1);

        assertThat(second).isEqualTo(first);
        assertThat(client.latest("things-value")).hasValueSatisfying(l -> assertThat(l.version()).isEqualTo(1));
        assertThat(client.subjects()).containsExactly("things-value");
    }

    @Test
    void equalSchemasShareOneIdAcrossSubjects() {
        assertThat(client.register("a-key", ClientKey.getClassSchema()))
                .isEqualTo(client.register("b-key", ClientKey.getClassSchema()))
                .isNotEqualTo(client.register("c-key", OrgKey.getClassSchema()));
    }

    @Test
    void schemaIsFetchedByIdFromAFreshClient() {
        int id = client.register("things-value", V1);

        assertThat(new RestSchemaRegistryClient(server.url()).schemaById(id)).isEqualTo(V1);
    }

    @Test
    void compatibleEvolutionIsAcceptedAsVersionTwo() {
        client.register("things-value", V1);

        assertThat(client.isCompatible("things-value", V2_WITH_DEFAULT)).isTrue();
        client.register("things-value", V2_WITH_DEFAULT);
        assertThat(client.latest("things-value")).hasValueSatisfying(l -> assertThat(l.version()).isEqualTo(2));
    }

    @Test
    void addingARequiredFieldIsRefusedWith409() {
        client.register("things-value", V1);

        assertThat(client.isCompatible("things-value", V2_REQUIRED_FIELD)).isFalse();
        assertThatThrownBy(() -> client.register("things-value", V2_REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409))
                .hasMessageContaining("incompatible");
    }

    @Test
    void lookupOfUnknownSubjectOrSchemaIsEmptyNotAnError() {
        assertThat(client.idOf("nope-value", V1)).isEmpty();
        assertThat(client.latest("nope-value")).isEmpty();
        client.register("things-value", V1);
        assertThat(client.idOf("things-value", V2_WITH_DEFAULT)).isEmpty();
        assertThat(client.idOf("things-value", V1)).isPresent();
    }

    @Test
    void unknownIdIs40403() {
        assertThatThrownBy(() -> client.schemaById(999))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void unreachableRegistryIsAClearError() {
        server.close();

        assertThatThrownBy(() -> client.register("x-value", V1))
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("unreachable");
    }
}
