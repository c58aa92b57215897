package io.oauthgov.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.state.ActivityAggregateState;
import io.oauthgov.avro.state.StoredVerdictState;
import io.oauthgov.schemas.registry.Compatibility;
import io.oauthgov.schemas.topics.TopicCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schemas evolve BACKWARD compatibly: consumers on the new schema read everything already on the topics. The
 * baselines in src/test/resources/schemas/previous are the committed previous versions.
 */
class SchemaEvolutionTest {
    private static final Path PREVIOUS = Path.of("src/test/resources/schemas/previous");
    private static final Path BROKEN = Path.of("src/test/resources/schemas/broken");

    /**
     * The catalog's keys and values, and the analyzer's state-store values: those are in no registry, but a running
     * analyzer's stores and changelogs hold them, so a new analyzer must read what the previous one wrote.
     */
    static Stream<Class<?>> catalogTypes() {
        Set<Class<?>> types = new java.util.LinkedHashSet<>();
        TopicCatalog.ALL.forEach(spec -> {
            types.add(spec.keyType());
            types.add(spec.valueType());
        });
        types.add(ActivityAggregateState.class);
        types.add(StoredVerdictState.class);
        return types.stream();
    }

    @ParameterizedTest
    @MethodSource("catalogTypes")
    void currentSchemaReadsDataWrittenWithThePreviousVersion(Class<?> type) throws IOException {
        Schema current = SpecificData.get().getSchema(type);
        Schema previous = previousVersions().get(current.getFullName());

        assertThat(previous).as("a committed previous version of %s under %s", current.getName(), PREVIOUS).isNotNull();
        assertThat(Compatibility.describeIncompatibility(current, previous)).as(current.getName()).isNull();
    }

    @ParameterizedTest
    @MethodSource("catalogTypes")
    void everyOptionalFieldHasADefault(Class<?> type) {
        List<String> missing = new ArrayList<>();
        collectNullableFieldsWithoutDefault(SpecificData.get().getSchema(type), new HashSet<>(), missing);

        assertThat(missing).as("nullable fields must default to null so they can be added and omitted safely").isEmpty();
    }

    @Test
    void checkRejectsARequiredFieldAddedWithoutDefault() throws IOException {
        assertBrokenVariantIsRejected("OAuthClientSnapshot-required-field.avsc", "READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void checkRejectsAFieldWhoseTypeChanged() throws IOException {
        assertBrokenVariantIsRejected("Outcome-type-change.avsc", "TYPE_MISMATCH");
    }

    @Test
    void checkRejectsAnEnumSymbolRemovedWithoutDefault() throws IOException {
        assertBrokenVariantIsRejected("Rejection-enum-symbol-removed.avsc", "MISSING_ENUM_SYMBOLS");
    }

    private static void assertBrokenVariantIsRejected(String file, String expectedIncompatibility) throws IOException {
        Map<String, Schema> previous = previousVersions();
        Schema.Parser parser = new Schema.Parser();
        Schema broken = parser.parse(BROKEN.resolve(file).toFile());

        String problem = Compatibility.describeIncompatibility(broken, previous.get(broken.getFullName()));

        assertThat(problem).as("the broken variant %s must be refused", file).isNotNull().contains(expectedIncompatibility);
    }

    /** Files that define types other files reference; parsed first, as the avro-maven-plugin imports them. */
    private static final List<String> DEFINES_SHARED_TYPES = List.of("OAuthClientSnapshot.avsc", "RiskEvent.avsc");

    private static Map<String, Schema> previousVersions() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(PREVIOUS)) {
            files = listing.filter(p -> p.toString().endsWith(".avsc"))
                    .sorted(java.util.Comparator.comparing((Path p) -> !DEFINES_SHARED_TYPES.contains(p.getFileName().toString()))
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        }
        Map<String, Schema> byName = new HashMap<>();
        Schema.Parser parser = new Schema.Parser();
        for (Path file : files) {
            Schema schema = parser.parse(Files.readString(file));
            byName.put(schema.getFullName(), schema);
        }
        return byName;
    }

    private static void collectNullableFieldsWithoutDefault(Schema schema, Set<String> seen, List<String> missing) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    Schema fieldType = field.schema();
                    if (fieldType.isNullable() && fieldType.getType() == Schema.Type.UNION && !field.hasDefaultValue()) {
                        missing.add(schema.getName() + "." + field.name());
                    }
                    collectNullableFieldsWithoutDefault(fieldType, seen, missing);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectNullableFieldsWithoutDefault(t, seen, missing));
            case ARRAY -> collectNullableFieldsWithoutDefault(schema.getElementType(), seen, missing);
            case MAP -> collectNullableFieldsWithoutDefault(schema.getValueType(), seen, missing);
            default -> { }
        }
    }
}
