package io.oauthgov.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A registry held in memory with Confluent semantics: ids are global and equal schemas share one id across
 * subjects; versions count per subject from 1; registering an incompatible next version is refused (BACKWARD).
 * Thread-safe; used by the embedded mode (behind {@link SchemaRegistryServer}) and by tests.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    private final Map<String, Integer> idsByCanonicalSchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new TreeMap<>();
    private int nextId = 1;

    @Override
    public synchronized int register(String subject, Schema schema) {
        OptionalInt existing = idOf(subject, schema);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        Optional<RegisteredSchema> latest = latest(subject);
        if (latest.isPresent()) {
            String problem = Compatibility.describeIncompatibility(schema, latest.get().schema());
            if (problem != null) {
                throw new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                        "Schema being registered is incompatible with version " + latest.get().version()
                                + " of subject " + subject + ": " + problem);
            }
        }
        int id = idsByCanonicalSchema.computeIfAbsent(canonical(schema), k -> nextId++);
        schemasById.putIfAbsent(id, schema);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized OptionalInt idOf(String subject, Schema schema) {
        Integer id = idsByCanonicalSchema.get(canonical(schema));
        List<Integer> versions = versionsBySubject.get(subject);
        return id != null && versions != null && versions.contains(id) ? OptionalInt.of(id) : OptionalInt.empty();
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return latest(subject).map(l -> Compatibility.isBackwardCompatible(schema, l.schema())).orElse(true);
    }

    @Override
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        int id = versions.get(versions.size() - 1);
        return Optional.of(new RegisteredSchema(subject, id, versions.size(), schemasById.get(id)));
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /** The compact JSON form identifies a schema: formatting differences do not mint new ids. */
    private static String canonical(Schema schema) {
        return schema.toString(false);
    }
}
