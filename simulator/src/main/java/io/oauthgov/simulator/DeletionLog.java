package io.oauthgov.simulator;

import io.oauthgov.simulator.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every successful DELETE, in order: the record a test or a reconciliation compares the pipeline's outcomes to. */
public final class DeletionLog {

    /**
     * @param identity the OAuth client id that called DELETE
     * @param purgeAt when the client disappears for good; equal to {@code deletedAt} for an immediate purge
     * @param scheduled true when the client is older than 30 days and stays restorable until {@code purgeAt}
     */
    public record Deletion(String orgId, String clientId, String clientName, Instant deletedAt, String identity,
            boolean scheduled, Instant purgeAt) {
    }

    private final List<Deletion> deletions = new ArrayList<>();

    public synchronized void record(Deletion deletion) {
        deletions.add(deletion);
    }

    public synchronized List<Deletion> deletions() {
        return List.copyOf(deletions);
    }

    public synchronized boolean wasDeleted(String clientId) {
        return deletions.stream().anyMatch(d -> d.clientId().equals(clientId));
    }

    /** {@code deleted.json}: {"deletions": [...]} */
    public String toJson() {
        return Json.pretty(Map.of("deletions", deletions()));
    }

    public void writeTo(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }
}
