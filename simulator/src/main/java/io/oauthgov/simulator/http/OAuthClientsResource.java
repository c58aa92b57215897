package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.DeletionLog;
import io.oauthgov.simulator.SecretLedger;
import io.oauthgov.simulator.faults.FaultPlan;
import io.oauthgov.simulator.model.AuditEntry;
import io.oauthgov.simulator.model.ClientState;
import io.oauthgov.simulator.model.DeleteOutcome;
import io.oauthgov.simulator.model.EntityRef;
import io.oauthgov.simulator.model.GrantType;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.Organization;
import io.oauthgov.simulator.model.Permissions;
import io.oauthgov.simulator.model.ServiceMapping;
import io.oauthgov.simulator.model.SimulatedClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /api/v2/oauth/clients} and {@code /api/v2/oauth/clients/{clientId}}: list, get, replace, delete. */
public final class OAuthClientsResource {
    private final int pageSize;
    private final FaultPlan faults;
    private final DeletionLog deletions;
    private final SecretLedger secrets;
    private final ListingObserver observer;
    private final java.util.function.Predicate<String> isApiIdentity;

    /** @param pageSize entities per listing page; 0 serves everything on one page */
    public OAuthClientsResource(int pageSize, FaultPlan faults, DeletionLog deletions, SecretLedger secrets,
            ListingObserver observer, java.util.function.Predicate<String> isApiIdentity) {
        this.isApiIdentity = isApiIdentity;
        this.pageSize = pageSize;
        this.faults = faults;
        this.deletions = deletions;
        this.secrets = secrets;
        this.observer = observer;
    }

    public List<Route> routes() {
        String one = ClientJson.CLIENTS_PATH + "/{clientId}";
        return List.of(
                Route.of("GET", ClientJson.CLIENTS_PATH, Permissions.OAUTH_CLIENT_VIEW, this::list),
                Route.of("GET", one, Permissions.OAUTH_CLIENT_VIEW, this::get),
                Route.of("PUT", one, Permissions.OAUTH_CLIENT_EDIT, this::put),
                Route.of("DELETE", one, Permissions.OAUTH_CLIENT_DELETE, this::delete));
    }

    private ApiResponse list(ApiCall call) {
        List<SimulatedClient> all = call.org().listClients(call.now());
        int size = pageSize > 0 ? pageSize : Math.max(1, all.size());
        int pageCount = all.isEmpty() ? 0 : (all.size() + size - 1) / size;
        int page = parsePositive(call.query("pageNumber"), 1);
        List<SimulatedClient> entities = all.subList(Math.min(all.size(), (page - 1) * size),
                Math.min(all.size(), page * size));

        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("entities");
        entities.forEach(c -> array.add(ClientJson.listing(c)));
        body.put("pageSize", size);
        body.put("pageNumber", page);
        body.put("total", all.size());
        body.put("firstUri", pageUri(1, size));
        if (page < pageCount) {
            body.put("nextUri", pageUri(page + 1, size));
        }
        if (page > 1) {
            body.put("previousUri", pageUri(page - 1, size));
        }
        body.put("lastUri", pageUri(Math.max(1, pageCount), size));
        body.put("selfUri", pageUri(page, size));
        body.put("pageCount", pageCount);

        if (page < pageCount && faults.listingDrift()) {
            drift(call.org(), entities, call);
        } else if (page >= pageCount) {
            observer.fullListingServed(call.org());
        }
        return ApiResponse.ok(body);
    }

    private String pageUri(int page, int size) {
        return ClientJson.CLIENTS_PATH + "?pageSize=" + size + "&pageNumber=" + page;
    }

    /** Between pages: clients of the page just served disappear and new ones are appended. */
    private void drift(Organization org, List<SimulatedClient> servedPage, ApiCall call) {
        // never the pipeline's own identities: their logins must keep working
        servedPage.stream().filter(c -> !isApiIdentity.test(c.id())).limit(faults.driftRemovedPerPage())
                .forEach(gone -> org.remove(gone.id()).ifPresent(c -> observer.driftRemoved(org, c)));
        for (int i = 0; i < faults.driftAddedPerPage(); i++) {
            EntityRef admin = new EntityRef(UUID.randomUUID().toString(), "Drift Script");
            SimulatedClient added = new SimulatedClient(UUID.randomUUID().toString(), "Created During Listing "
                    + call.now().getEpochSecond() + "-" + i, "added between pages", 86_400, List.of(),
                    secrets.issueSecret(), List.of(), List.of(), call.now(), call.now(), admin, admin,
                    GrantType.CLIENT_CREDENTIALS, List.of("users:readonly"), ClientState.ACTIVE, null);
            org.put(added);
            observer.driftAdded(org, added);
        }
    }

    private ApiResponse get(ApiCall call) {
        return call.org().client(call.path("clientId"), call.now())
                .map(c -> ApiResponse.ok(ClientJson.full(c)))
                .orElseGet(() -> call.notFound("OAuth client " + call.path("clientId")));
    }

    private ApiResponse put(ApiCall call) throws java.io.IOException {
        Organization org = call.org();
        String id = call.path("clientId");
        var current = org.client(id, call.now());
        if (current.isEmpty()) {
            return call.notFound("OAuth client " + id);
        }
        ClientUpdate.Result result = ClientUpdate.apply(current.get(), call.json(), call.now(), call.callerRef());
        if (result.error() != null) {
            return call.badRequest(result.error());
        }
        org.put(result.client());
        org.audit(call.now(), null, call.caller().clientId(), ServiceMapping.PEOPLE_PERMISSIONS, "Update",
                "OAuthClient", new EntityRef(id, result.client().name()), List.of(new AuditEntry.PropertyChange(
                        "state", List.of(current.get().state().wireName()),
                        List.of(result.client().state().wireName()))));
        return ApiResponse.ok(ClientJson.full(result.client()));
    }

    private ApiResponse delete(ApiCall call) {
        Organization org = call.org();
        String id = call.path("clientId");
        var before = org.client(id, call.now());
        DeleteOutcome outcome = org.delete(id, call.now(), null, call.caller().clientId(),
                faults.stillListedAfterDelete());
        return switch (outcome) {
            case NOT_FOUND -> call.notFound("OAuth client " + id);
            case REFUSED_NOT_INACTIVE -> ErrorBodies.error(400, "cannot.delete.client",
                    "The OAuth client must be in the inactive state before it can be deleted", call.correlationId(),
                    Map.of("clientId", id));
            case PURGED, SCHEDULED -> {
                SimulatedClient client = before.orElseThrow();
                boolean scheduled = outcome == DeleteOutcome.SCHEDULED;
                deletions.record(new DeletionLog.Deletion(org.id(), id, client.name(), call.now(),
                        call.caller().clientId(), scheduled,
                        scheduled ? org.client(id, call.now()).map(SimulatedClient::dateToDelete).orElse(call.now())
                                : call.now()));
                yield ApiResponse.noContent();
            }
        };
    }

    private static int parsePositive(String value, int fallback) {
        try {
            return value == null ? fallback : Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
