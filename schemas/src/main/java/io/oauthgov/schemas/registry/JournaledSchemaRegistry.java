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
 * An {@link InMemorySchemaRegistry} that survives restarts: every new registration is appended to a journal file
 * (one JSON line: subject and schema) and replayed in order at open. Replaying in the same order assigns the same
 * ids, so records written before a restart still decode after it — which is what a local stack that keeps its
 * topics ({@code oauthgov dev}) needs. A torn last line (a crash mid-append) is ignored: its registration was never
 * acknowledged to the client that asked for it.
 */
public final class JournaledSchemaRegistry implements SchemaRegistry {
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
                    opened.registry.register(entry.get("subject").asText(), new Schema.Parser().parse(entry.get("schema").asText()));
                }
            } else if (journal.getParent() != null) {
                Files.createDirectories(journal.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema registry journal " + journal, e);
        }
        return opened;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        OptionalInt existing = registry.idOf(subject, schema);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        int id = registry.register(subject, schema);
        ObjectNode entry = JSON.createObjectNode().put("subject", subject).put("schema", schema.toString());
        try {
            Files.writeString(journal, entry + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the schema registry journal " + journal, e);
        }
        return id;
    }

    @Override
    public synchronized OptionalInt idOf(String subject, Schema schema) {
        return registry.idOf(subject, schema);
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
}
