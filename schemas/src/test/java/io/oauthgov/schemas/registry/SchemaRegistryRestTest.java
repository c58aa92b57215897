package io.oauthgov.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.OrgKey;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client against the in-process server: both halves of the Confluent protocol in one test, endpoint by
 * endpoint (the exact bodies are pinned by {@link ConfluentWireAnswersTest} and {@link ConfluentRecordingsTest}).
 */
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
                .hasMessageContaining("incompatible with an earlier schema for subject \"things-value\"");
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
    void lookupAnswersSubjectIdVersionAndSchemaAsAutoRegisterOffSerializersNeed() {
        client.register("things-value", V1);
        int id = client.register("things-value", V2_WITH_DEFAULT);

        SchemaRegistry.RegisteredSchema found = client.lookup("things-value", V2_WITH_DEFAULT);

        assertThat(found).isEqualTo(new SchemaRegistry.RegisteredSchema("things-value", id, 2, V2_WITH_DEFAULT));
    }

    @Test
    void versionsAreListedAndEachIsReadableByNumber() {
        int first = client.register("things-value", V1);
        int second = client.register("things-value", V2_WITH_DEFAULT);

        assertThat(client.versions("things-value")).containsExactly(1, 2);
        assertThat(client.version("things-value", 1)).isEqualTo(new SchemaRegistry.RegisteredSchema("things-value", first, 1, V1));
        assertThat(client.version("things-value", 2).id()).isEqualTo(second);
        assertThatThrownBy(() -> client.version("things-value", 3))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
        assertThatThrownBy(() -> client.versions("nope-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void softDeletedVersionLeavesTheSubjectButItsIdStillDecodes() {
        int first = client.register("things-value", V1);
        client.register("things-value", V2_WITH_DEFAULT);

        assertThat(client.deleteVersion("things-value", 1)).isEqualTo(1);

        assertThat(client.versions("things-value")).containsExactly(2);
        assertThat(new RestSchemaRegistryClient(server.url()).schemaById(first)).as("records written with it still decode").isEqualTo(V1);
        assertThat(client.subjectVersions(first)).isEmpty();
        assertThatThrownBy(() -> client.version("things-value", 1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
    }

    @Test
    void softDeletedSubjectDisappearsAndRegisteringAgainStartsAfterItsLastVersion() {
        int id = client.register("things-value", V1);

        assertThat(client.deleteSubject("things-value")).containsExactly(1);
        assertThat(client.subjects()).isEmpty();
        assertThat(client.latest("things-value")).isEmpty();

        assertThat(new RestSchemaRegistryClient(server.url()).register("things-value", V1)).as("same schema, same id").isEqualTo(id);
        assertThat(client.versions("things-value")).as("versions are never reused").containsExactly(2);
    }

    @Test
    void reverseLookupListsEverySubjectVersionOfAnId() {
        int id = client.register("a-key", ClientKey.getClassSchema());
        client.register("b-key", ClientKey.getClassSchema());

        assertThat(client.subjectVersions(id)).containsExactly(new SchemaRegistryAdmin.SubjectVersion("a-key", 1),
                new SchemaRegistryAdmin.SubjectVersion("b-key", 1));
        assertThatThrownBy(() -> client.subjectVersions(999))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void compatibilityLevelsAreGlobalOrPerSubjectAndGovernRegistration() {
        client.register("things-value", V1);
        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.subjectCompatibility("things-value")).isEmpty();

        client.setSubjectCompatibility("things-value", CompatibilityLevel.NONE);

        assertThat(client.subjectCompatibility("things-value")).contains(CompatibilityLevel.NONE);
        assertThat(client.register("things-value", V2_REQUIRED_FIELD)).as("NONE accepts any change").isPositive();
        client.setGlobalCompatibility(CompatibilityLevel.FULL);
        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void forwardLevelRefusesWhatOldReadersCannotRead() {
        client.register("things-value", V2_WITH_DEFAULT);
        client.setSubjectCompatibility("things-value", CompatibilityLevel.FORWARD);

        assertThat(client.isCompatible("things-value", V1)).as("old readers of V2 can read V1 data? b has a default").isTrue();
        assertThat(client.isCompatible("things-value", new Schema.Parser().parse("""
                {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"b","type":["null","string"],"default":null}]}""")))
                .as("dropping the required field a leaves V2 readers without a value").isFalse();
    }

    @Test
    void compatibilityCheckAgainstANamedVersionSaysWhatIsWrong() {
        client.register("things-value", V1);

        assertThat(client.compatibilityProblems("things-value", 1, V2_WITH_DEFAULT)).isEmpty();
        assertThat(client.compatibilityProblems("things-value", 1, V2_REQUIRED_FIELD))
                .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("b");
    }

    @Test
    void modeAndSchemaTypesAnswerAsAnAvroOnlyReadWriteRegistry() {
        assertThat(client.mode()).isEqualTo("READWRITE");
        assertThat(client.schemaTypes()).containsExactly("AVRO");
    }

    @Test
    void unreachableRegistryIsAClearError() {
        server.close();

        assertThatThrownBy(() -> client.register("x-value", V1))
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("unreachable");
    }
}
