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
 * subjects; versions count per subject from 1 and are never reused; a delete is soft (the version leaves the subject,
 * its id stays readable, so records written with it still decode); registering an incompatible next version is
 * refused under the subject's compatibility level (default BACKWARD). Thread-safe; used by the embedded mode (behind
 * {@link SchemaRegistryServer}) and by tests.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryAdmin {
    private final Map<String, Integer> idsByCanonicalSchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Version>> versionsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;
    private int nextId = 1;

    /** One version of a subject; {@code deleted} once soft-deleted. */
    private record Version(int number, int id, boolean deleted) {}

    @Override
    public synchronized int register(String subject, Schema schema) {
        OptionalInt existing = idOf(subject, schema);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        List<String> problems = effectiveCompatibility(subject).problems(schema, liveSchemas(subject));
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\" ("
                            + effectiveCompatibility(subject) + "): " + String.join("; ", problems));
        }
        int id = idsByCanonicalSchema.computeIfAbsent(canonical(schema), k -> nextId++);
        schemasById.putIfAbsent(id, schema);
        List<Version> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        versions.add(new Version(versions.size() + 1, id, false));
        return id;
    }

    @Override
    public synchronized OptionalInt idOf(String subject, Schema schema) {
        return live(subject).stream().filter(v -> v.id() == idOfCanonical(schema)).mapToInt(Version::id).findFirst();
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        List<Version> live = requireLive(subject);
        int id = idOfCanonical(schema);
        return live.stream().filter(v -> v.id() == id).findFirst()
                .map(v -> registered(subject, v))
                .orElseThrow(() -> new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
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
        return effectiveCompatibility(subject).problems(schema, liveSchemas(subject)).isEmpty();
    }

    @Override
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        List<Version> live = live(subject);
        return live.isEmpty() ? Optional.empty() : Optional.of(registered(subject, live.get(live.size() - 1)));
    }

    @Override
    public synchronized List<String> subjects() {
        return versionsBySubject.keySet().stream().filter(s -> !live(s).isEmpty()).toList();
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        return requireLive(subject).stream().map(Version::number).toList();
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        return registered(subject, requireVersion(subject, version));
    }

    @Override
    public synchronized List<SubjectVersion> subjectVersions(int id) {
        schemaById(id);
        List<SubjectVersion> found = new ArrayList<>();
        versionsBySubject.forEach((subject, versions) -> versions.stream()
                .filter(v -> !v.deleted() && v.id() == id)
                .forEach(v -> found.add(new SubjectVersion(subject, v.number()))));
        return found;
    }

    @Override
    public synchronized List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = versions(subject);
        versionsBySubject.get(subject).replaceAll(v -> new Version(v.number(), v.id(), true));
        subjectLevels.remove(subject);
        return deleted;
    }

    @Override
    public synchronized int deleteVersion(String subject, int version) {
        Version found = requireVersion(subject, version);
        List<Version> versions = versionsBySubject.get(subject);
        versions.set(versions.indexOf(found), new Version(found.number(), found.id(), true));
        return found.number();
    }

    @Override
    public synchronized List<String> compatibilityProblems(String subject, int version, Schema schema) {
        Schema existing = schemasById.get(requireVersion(subject, version).id());
        return effectiveCompatibility(subject).problemsAgainst(schema, List.of(existing));
    }

    @Override
    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    @Override
    public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
        globalLevel = level;
    }

    @Override
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    @Override
    public synchronized void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    private List<Version> live(String subject) {
        return versionsBySubject.getOrDefault(subject, List.of()).stream().filter(v -> !v.deleted()).toList();
    }

    private List<Version> requireLive(String subject) {
        List<Version> live = live(subject);
        if (live.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return live;
    }

    private Version requireVersion(String subject, int version) {
        return requireLive(subject).stream().filter(v -> v.number() == version).findFirst()
                .orElseThrow(() -> new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_FOUND,
                        "Version " + version + " not found."));
    }

    private List<Schema> liveSchemas(String subject) {
        return live(subject).stream().map(v -> schemasById.get(v.id())).toList();
    }

    private RegisteredSchema registered(String subject, Version version) {
        return new RegisteredSchema(subject, version.id(), version.number(), schemasById.get(version.id()));
    }

    private int idOfCanonical(Schema schema) {
        return idsByCanonicalSchema.getOrDefault(canonical(schema), -1);
    }

    /** The compact JSON form identifies a schema: formatting differences do not mint new ids. */
    private static String canonical(Schema schema) {
        return schema.toString(false);
    }
}
