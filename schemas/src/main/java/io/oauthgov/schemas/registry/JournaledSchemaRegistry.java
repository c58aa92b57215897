package io.oauthgov.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * An {@link InMemorySchemaRegistry} that survives restarts: every change (a new registration, a soft delete, a
 * compatibility level) is appended to a journal file as one JSON line and replayed in order at open. Replaying in the
 * same order assigns the same ids, so records written before a restart still decode after it — which is what a local
 * stack that keeps its topics ({@code oauthgov dev}) needs. A torn last line (a crash mid-append) is ignored: its
 * change was never acknowledged to the client that asked for it. Lines without an {@code op} are registrations (the
 * journal's first format).
 */
public final class JournaledSchemaRegistry implements SchemaRegistryAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Path journal;

    private JournaledSchemaRegistry(Path journal) {
        this.journal = journal;
    }

    /** Opens (or creates) the journal and replays it. */
    public static JournaledSchemaRegistry open(Path journal) {
        JournaledSchemaRegistry opened = new JournaledSchemaRegistry(journal);
        try {
            if (Files.exists(journal)) {
                for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode entry;
                    try {
                        entry = JSON.readTree(line);
                    } catch (IOException e) {
                        break; // a torn final line
                    }
                    opened.replay(entry);
                }
            } else if (journal.getParent() != null) {
                Files.createDirectories(journal.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema registry journal " + journal, e);
        }
        return opened;
    }

    private void replay(JsonNode entry) {
        String subject = entry.path("subject").asText(null);
        switch (entry.path("op").asText("register")) {
            case "register" -> registry.register(subject, new Schema.Parser().parse(entry.get("schema").asText()));
            case "deleteSubject" -> registry.deleteSubject(subject);
            case "deleteVersion" -> registry.deleteVersion(subject, entry.get("version").asInt());
            case "compatibility" -> {
                CompatibilityLevel level = CompatibilityLevel.parse(entry.get("compatibility").asText());
                if (subject == null) {
                    registry.setGlobalCompatibility(level);
                } else {
                    registry.setSubjectCompatibility(subject, level);
                }
            }
            default -> throw new IllegalStateException("schema registry journal " + journal + " has an unknown entry: " + entry);
        }
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        OptionalInt existing = registry.idOf(subject, schema);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        int id = registry.register(subject, schema);
        append(JSON.createObjectNode().put("subject", subject).put("schema", schema.toString()));
        return id;
    }

    @Override
    public synchronized List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = registry.deleteSubject(subject);
        append(JSON.createObjectNode().put("op", "deleteSubject").put("subject", subject));
        return deleted;
    }

    @Override
    public synchronized int deleteVersion(String subject, int version) {
        int deleted = registry.deleteVersion(subject, version);
        append(JSON.createObjectNode().put("op", "deleteVersion").put("subject", subject).put("version", version));
        return deleted;
    }

    @Override
    public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
        registry.setGlobalCompatibility(level);
        append(JSON.createObjectNode().put("op", "compatibility").put("compatibility", level.name()));
    }

    @Override
    public synchronized void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        registry.setSubjectCompatibility(subject, level);
        append(JSON.createObjectNode().put("op", "compatibility").put("subject", subject).put("compatibility", level.name()));
    }

    private void append(ObjectNode entry) {
        try {
            Files.writeString(journal, entry + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the schema registry journal " + journal, e);
        }
    }

    @Override
    public synchronized OptionalInt idOf(String subject, Schema schema) {
        return registry.idOf(subject, schema);
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        return registry.lookup(subject, schema);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        return registry.schemaById(id);
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return registry.isCompatible(subject, schema);
    }

    @Override
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        return registry.latest(subject);
    }

    @Override
    public synchronized List<String> subjects() {
        return registry.subjects();
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        return registry.versions(subject);
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        return registry.version(subject, version);
    }

    @Override
    public synchronized List<SubjectVersion> subjectVersions(int id) {
        return registry.subjectVersions(id);
    }

    @Override
    public synchronized List<String> compatibilityProblems(String subject, int version, Schema schema) {
        return registry.compatibilityProblems(subject, version, schema);
    }

    @Override
    public synchronized CompatibilityLevel globalCompatibility() {
        return registry.globalCompatibility();
    }

    @Override
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return registry.subjectCompatibility(subject);
    }
}
