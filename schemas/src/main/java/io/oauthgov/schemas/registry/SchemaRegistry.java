package io.oauthgov.schemas.registry;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * The subset of a Confluent-compatible Schema Registry that oauthgov needs. Two implementations speak it:
 * {@link InMemorySchemaRegistry} (embedded mode and tests) and {@link RestSchemaRegistryClient} (any registry
 * speaking the Confluent REST API, including {@link SchemaRegistryServer} which serves the in-memory one over HTTP).
 */
public interface SchemaRegistry {

    /** Registers the schema under the subject (idempotent) and returns its global id. Rejects an incompatible change. */
    int register(String subject, Schema schema);

    /** Looks up the id of a schema already registered under the subject, without registering it. */
    OptionalInt idOf(String subject, Schema schema);

    /** The writer schema with that id; throws {@link SchemaRegistryException} when unknown. */
    Schema schemaById(int id);

    /** Whether the schema could be registered as the next version of the subject under its compatibility rule. */
    boolean isCompatible(String subject, Schema schema);

    Optional<RegisteredSchema> latest(String subject);

    List<String> subjects();

    record RegisteredSchema(String subject, int id, int version, Schema schema) {}
}
