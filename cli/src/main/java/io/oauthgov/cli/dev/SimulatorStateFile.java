package io.oauthgov.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.model.ClientState;
import io.oauthgov.simulator.model.Organization;
import io.oauthgov.simulator.model.SimulatedClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the pipeline changed in a simulated organization, kept across restarts of {@code oauthgov dev}: which clients
 * are gone, and each remaining client's state, modification time and scheduled purge. The organization itself is
 * regenerated from its seed and anchor at every start (same clients, same history); this file replays the changes
 * on top, so a client the executor deleted stays deleted. Usage recorded while the stack ran is not kept.
 *
 * <p>Written atomically (temp file, then rename), so a kill mid-write leaves the previous state.
 */
final class SimulatorStateFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatorStateFile() {}

    static void save(GenesysSimulator simulator, Path file) {
        ObjectNode root = JSON.createObjectNode();
        Instant now = simulator.clock().instant();
        for (String orgId : simulator.orgIds()) {
            ArrayNode clients = root.putArray(orgId);
            for (SimulatedClient client : simulator.organization(orgId).listClients(now)) {
                if (simulator.client(orgId, client.id()).isEmpty()) {
                    continue; // a ghost: purged, still listed for a moment
                }
                ObjectNode c = clients.addObject();
                c.put("id", client.id());
                c.put("state", client.state().name());
                c.put("dateModified", client.dateModified() == null ? null : client.dateModified().toString());
                c.put("dateToDelete", client.dateToDelete() == null ? null : client.dateToDelete().toString());
            }
        }
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temp.toFile(), root);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the simulator's state to " + file, e);
        }
    }

    /** @return clients changed or removed, for the start-up line */
    static int restore(GenesysSimulator simulator, Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator's state " + file + " (delete it to start the orgs afresh)", e);
        }
        int changed = 0;
        Instant now = simulator.clock().instant();
        for (String orgId : simulator.orgIds()) {
            JsonNode saved = root.get(orgId);
            if (saved == null) {
                continue;
            }
            Map<String, JsonNode> byId = new HashMap<>();
            saved.forEach(c -> byId.put(c.get("id").asText(), c));
            Organization org = simulator.organization(orgId);
            List<SimulatedClient> generated = org.listClients(now);
            Set<String> kept = byId.keySet();
            for (SimulatedClient client : generated) {
                JsonNode c = byId.get(client.id());
                if (c == null) {
                    org.remove(client.id());
                    changed++;
                    continue;
                }
                ClientState state = ClientState.valueOf(c.get("state").asText());
                Instant modified = instant(c.get("dateModified"));
                Instant purge = instant(c.get("dateToDelete"));
                if (state != client.state() || !java.util.Objects.equals(purge, client.dateToDelete())
                        || !java.util.Objects.equals(modified, client.dateModified())) {
                    org.put(client.withState(state, modified, client.modifiedBy()).withDateToDelete(purge));
                    changed++;
                }
            }
            Set<String> generatedIds = generated.stream().map(SimulatedClient::id).collect(Collectors.toSet());
            if (!generatedIds.containsAll(kept)) {
                throw new IllegalStateException(file + " names clients the simulator did not generate: it belongs to another seed "
                        + "(delete it, or start with the --seed it was written with)");
            }
        }
        return changed;
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
