package io.oauthgov.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted local stack's registry is the one it left: ids, soft deletes and compatibility levels survive. */
class JournaledSchemaRegistryTest {
    private static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"a","type":"string"}]}""");
    private static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"a","type":"string"},
             {"name":"b","type":["null","string"],"default":null}]}""");

    @TempDir
    Path dir;

    @Test
    void reopenedJournalHasTheSameIdsDeletesAndLevels() {
        Path journal = dir.resolve("schemas.jsonl");
        JournaledSchemaRegistry first = JournaledSchemaRegistry.open(journal);
        int v1 = first.register("things-value", V1);
        int v2 = first.register("things-value", V2);
        first.register("other-value", V1);
        first.deleteVersion("things-value", 1);
        first.deleteSubject("other-value");
        first.setSubjectCompatibility("things-value", CompatibilityLevel.FULL);
        first.setGlobalCompatibility(CompatibilityLevel.NONE);

        JournaledSchemaRegistry reopened = JournaledSchemaRegistry.open(journal);

        assertThat(reopened.schemaById(v1)).isEqualTo(V1);
        assertThat(reopened.version("things-value", 2).id()).isEqualTo(v2);
        assertThat(reopened.versions("things-value")).containsExactly(2);
        assertThat(reopened.subjects()).containsExactly("things-value");
        assertThat(reopened.subjectCompatibility("things-value")).contains(CompatibilityLevel.FULL);
        assertThat(reopened.globalCompatibility()).isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    void journalOfTheFirstFormatStillReplays() throws Exception {
        Path journal = dir.resolve("schemas.jsonl");
        Files.writeString(journal, "{\"subject\":\"things-value\",\"schema\":" + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(V1.toString()) + "}\n{\"subject\":\"torn", StandardCharsets.UTF_8, StandardOpenOption.CREATE);

        JournaledSchemaRegistry reopened = JournaledSchemaRegistry.open(journal);

        assertThat(reopened.latest("things-value")).hasValueSatisfying(l -> assertThat(l.schema()).isEqualTo(V1));
    }
}
