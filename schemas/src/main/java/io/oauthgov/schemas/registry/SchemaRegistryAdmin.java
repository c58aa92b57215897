package io.oauthgov.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The rest of the Confluent REST API that tools and third-party clients use beyond serializing: versions, soft
 * deletes, reverse lookups and compatibility levels. {@link SchemaRegistryServer} serves an implementation of it
 * ({@link InMemorySchemaRegistry}, {@link JournaledSchemaRegistry}); {@link RestSchemaRegistryClient} speaks it to any
 * Confluent-compatible registry. Failures carry Confluent's error codes ({@link SchemaRegistryException}).
 */
public interface SchemaRegistryAdmin extends SchemaRegistry {

    /** The live version of the subject holding this schema (what {@code POST /subjects/{s}} answers); 40401/40403 otherwise. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The subject's live version numbers, oldest first; 40401 when it has none. */
    List<Integer> versions(String subject);

    /** One live version of the subject; 40401 for an unknown subject, 40402 for an unknown or deleted version. */
    RegisteredSchema version(String subject, int version);

    /** Every live (subject, version) holding the schema with this id; 40403 for an unknown id. */
    List<SubjectVersion> subjectVersions(int id);

    /** Soft-deletes every live version of the subject (ids stay readable) and returns their numbers; 40401 if none. */
    List<Integer> deleteSubject(String subject);

    /** Soft-deletes one live version; 40401/40402 otherwise. */
    int deleteVersion(String subject, int version);

    /** Why {@code schema} is incompatible with that live version under the subject's level; empty when compatible. */
    List<String> compatibilityProblems(String subject, int version, Schema schema);

    CompatibilityLevel globalCompatibility();

    void setGlobalCompatibility(CompatibilityLevel level);

    /** The subject's own level, empty when it follows the global one. */
    Optional<CompatibilityLevel> subjectCompatibility(String subject);

    void setSubjectCompatibility(String subject, CompatibilityLevel level);

    /** The level that applies to the subject: its own, else the global one. */
    default CompatibilityLevel effectiveCompatibility(String subject) {
        return subjectCompatibility(subject).orElseGet(this::globalCompatibility);
    }

    record SubjectVersion(String subject, int version) {}
}
