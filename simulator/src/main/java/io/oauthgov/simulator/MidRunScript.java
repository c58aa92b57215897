package io.oauthgov.simulator;

import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.generator.GroundTruth;
import io.oauthgov.simulator.generator.OrgTruth;
import io.oauthgov.simulator.model.Division;
import io.oauthgov.simulator.model.EntityRef;
import io.oauthgov.simulator.model.GrantType;
import io.oauthgov.simulator.model.Organization;
import io.oauthgov.simulator.model.RoleDivision;
import io.oauthgov.simulator.model.ServiceMapping;
import io.oauthgov.simulator.model.SimulatedClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The "someone else touched it" script: once per org, every CHANGES_MID_RUN client gets a new role grant (a
 * client-credentials client) or write scope (a user-facing or password grant), a new
 * description and a fresh use (usage row and audit entry), and every VANISHES_MID_RUN client is deleted outright,
 * as an administrator in the UI would. A pipeline that re-checks before deleting must notice both.
 */
final class MidRunScript {
    static final EntityRef SCRIPT_USER = new EntityRef("00000000-0000-4000-8000-00000000a11c", "Alice Admin");

    private final GroundTruth truth;
    private final Clock clock;
    private final Set<String> triggeredOrgs = ConcurrentHashMap.newKeySet();
    private final List<ScriptedEvent> events = new CopyOnWriteArrayList<>();

    MidRunScript(GroundTruth truth, Clock clock) {
        this.truth = truth;
        this.clock = clock;
    }

    /** Runs the script for the org unless it already ran; returns the events it caused. */
    List<ScriptedEvent> trigger(Organization org, UseRecorder recorder) {
        if (!triggeredOrgs.add(org.id())) {
            return List.of();
        }
        Instant now = clock.instant();
        List<ScriptedEvent> caused = new ArrayList<>();
        for (ClientTruth client : clientsOf(org.id())) {
            if (client.category() == Category.CHANGES_MID_RUN) {
                org.client(client.id(), now).ifPresent(current -> {
                    // scopes belong to user-facing grants: a client-credentials client is changed by granting a role
                    String description = "Changed while a governance run was in progress";
                    if (current.authorizedGrantType() == GrantType.CLIENT_CREDENTIALS && !org.roles().isEmpty()) {
                        String home = org.divisions().stream().filter(Division::homeDivision).map(Division::id)
                                .findFirst().orElse(Division.ALL);
                        // the built-in Employee role, as an admin "just giving it basic access" would
                        String role = org.roles().stream().filter(r -> "employee".equals(r.defaultRoleId()))
                                .findFirst().orElse(org.roles().get(0)).id();
                        org.put(current.withGrantAndDescription(new RoleDivision(role, home), description, now,
                                SCRIPT_USER));
                    } else {
                        List<String> scope = new ArrayList<>(current.scope());
                        scope.add("conversations");
                        org.put(current.withScopeAndDescription(scope, description, now, SCRIPT_USER));
                    }
                    recorder.recordUse(org.id(), current.id(), now);
                    caused.add(new ScriptedEvent(now, org.id(), current.id(), ScriptedEvent.Kind.CHANGED_MID_RUN));
                });
            } else if (client.category() == Category.VANISHES_MID_RUN) {
                org.remove(client.id()).ifPresent(removed -> {
                    org.audit(now, SCRIPT_USER, null, ServiceMapping.PEOPLE_PERMISSIONS, "Delete", "OAuthClient",
                            new EntityRef(removed.id(), removed.name()), List.of());
                    caused.add(new ScriptedEvent(now, org.id(), removed.id(), ScriptedEvent.Kind.VANISHED_MID_RUN));
                });
            }
        }
        events.addAll(caused);
        return caused;
    }

    void recordDrift(Organization org, SimulatedClient client, ScriptedEvent.Kind kind) {
        events.add(new ScriptedEvent(clock.instant(), org.id(), client.id(), kind));
    }

    List<ScriptedEvent> events() {
        return List.copyOf(events);
    }

    private List<ClientTruth> clientsOf(String orgId) {
        return truth.orgs().stream().filter(o -> o.orgId().equals(orgId)).findFirst().map(OrgTruth::clients)
                .orElse(List.of());
    }

    /** How the script records a fresh use: the same path as {@link GenesysSimulator#recordUse}. */
    interface UseRecorder {
        void recordUse(String orgId, String clientId, Instant at);
    }
}
