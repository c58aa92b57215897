package io.oauthgov.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One simulated Genesys Cloud organization: its OAuth clients, usage ledger and audit trail. Every method is
 * synchronized on the organization, so concurrent HTTP handlers and test code see consistent state.
 */
public final class Organization {
    /** Clients older than this are not purged at once by DELETE. */
    public static final Duration PURGE_AGE = Duration.ofDays(30);
    /** How long a scheduled deletion stays restorable. */
    public static final Duration DELETE_GRACE = Duration.ofDays(7);

    private final String id;
    private final String name;
    private final String region;
    private final String domain;
    private final Map<String, SimulatedClient> clients = new LinkedHashMap<>();
    /** Deleted clients the listing still shows (eventual-consistency fault), with when they stop showing. */
    private final Map<String, Ghost> ghosts = new LinkedHashMap<>();
    /**
     * The earliest moment a scheduled deletion or a ghost falls due, null when none is: every read purges what is
     * due, and scanning all clients on every detail read made 2,000 reads of a 2,000-client org 4 million checks.
     */
    private Instant nextPurge;
    private final UsageLedger usage = new UsageLedger();
    private final AuditTrail audits = new AuditTrail();
    private final List<AuthorizationRole> roles = new ArrayList<>();
    private final List<Division> divisions = new ArrayList<>();

    private record Ghost(SimulatedClient client, Instant until) {
    }

    public Organization(String id, String name, String region, String domain) {
        this.id = id;
        this.name = name;
        this.region = region;
        this.domain = domain;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String region() {
        return region;
    }

    public String domain() {
        return domain;
    }

    /** Roles in listing order (built-in roles first, as the generator created them). */
    public synchronized List<AuthorizationRole> roles() {
        return List.copyOf(roles);
    }

    public synchronized void addRole(AuthorizationRole role) {
        roles.add(role);
    }

    public synchronized Optional<AuthorizationRole> role(String roleId) {
        return roles.stream().filter(r -> r.id().equals(roleId)).findFirst();
    }

    /** Divisions in listing order; the first one added is the home division. */
    public synchronized List<Division> divisions() {
        return List.copyOf(divisions);
    }

    public synchronized void addDivision(Division division) {
        divisions.add(division);
    }

    /** Clients in listing order, including deleted ones still visible through eventual consistency. */
    public synchronized List<SimulatedClient> listClients(Instant now) {
        purgeDue(now);
        List<SimulatedClient> listed = new ArrayList<>(clients.values());
        ghosts.values().forEach(g -> listed.add(g.client()));
        return listed;
    }

    public synchronized Optional<SimulatedClient> client(String clientId, Instant now) {
        purgeDue(now);
        return Optional.ofNullable(clients.get(clientId));
    }

    /** Adds a new client at the end of the listing, or replaces one in place. */
    public synchronized void put(SimulatedClient client) {
        clients.put(client.id(), client);
        dueAt(client);
    }

    public synchronized Optional<SimulatedClient> remove(String clientId) {
        return Optional.ofNullable(clients.remove(clientId));
    }

    /** The real two-step rule; see {@link DeleteOutcome}. */
    public synchronized DeleteOutcome delete(String clientId, Instant now, EntityRef by, String byClientId,
            Duration stillListedFor) {
        purgeDue(now);
        SimulatedClient client = clients.get(clientId);
        if (client == null) {
            return DeleteOutcome.NOT_FOUND;
        }
        if (client.state() != ClientState.INACTIVE) {
            return DeleteOutcome.REFUSED_NOT_INACTIVE;
        }
        audit(now, by, byClientId, ServiceMapping.PEOPLE_PERMISSIONS, "Delete", "OAuthClient",
                new EntityRef(client.id(), client.name()), List.of());
        if (client.dateCreated().isBefore(now.minus(PURGE_AGE))) {
            if (!client.pendingDeletion()) {
                SimulatedClient scheduled = client.withDateToDelete(now.plus(DELETE_GRACE));
                clients.put(clientId, scheduled);
                dueAt(scheduled);
            }
            return DeleteOutcome.SCHEDULED;
        }
        clients.remove(clientId);
        if (!stillListedFor.isZero()) {
            ghosts.put(clientId, new Ghost(client, now.plus(stillListedFor)));
            dueAt(now.plus(stillListedFor));
        }
        return DeleteOutcome.PURGED;
    }

    /** Counts one API call in the usage ledger, as the real usage API would. */
    public synchronized void recordCall(String clientId, Instant at, String templateUri, String httpMethod,
            int status) {
        SimulatedClient client = clients.get(clientId);
        String clientName = client == null ? clientId : client.name();
        usage.record(clientId, clientName, day(at), templateUri, httpMethod, status, 1);
    }

    /** Generated history: {@code calls} successful requests on one day. */
    public synchronized void recordHistoricUsage(String clientId, String clientName, LocalDate day,
            String templateUri, String httpMethod, int status, long calls) {
        usage.record(clientId, clientName, day, templateUri, httpMethod, status, calls);
    }

    public synchronized LocalDate lastUseDay(String clientId) {
        return usage.lastUseDay(clientId);
    }

    public synchronized List<UsageRow> usage(UsageQuery query, String onlyClientId) {
        return usage.query(query, id, onlyClientId);
    }

    public synchronized void addAudit(AuditEntry entry) {
        audits.add(entry);
    }

    /** Records an audit entry made now; {@code byClientId} is the OAuth client that made the change. */
    public synchronized void audit(Instant at, EntityRef user, String byClientId, String serviceName, String action,
            String entityType, EntityRef entity, List<AuditEntry.PropertyChange> changes) {
        audits.add(new AuditEntry(UUID.randomUUID().toString(), at, user, byClientId, serviceName, action, entityType,
                entity, user == null ? "SYSTEM" : "USER", "SUCCESS", "10.0.0.1", changes));
    }

    public synchronized List<AuditEntry> audits(Instant from, Instant to, String serviceName,
            List<AuditFilter> filters, boolean descending) {
        return audits.query(from, to, serviceName, filters, id, descending);
    }

    /** Only an inactive client is purged when its deletion falls due; an active one registers again when set inactive. */
    private static boolean purgeable(SimulatedClient client) {
        return client.pendingDeletion() && client.state() == ClientState.INACTIVE;
    }

    private void dueAt(SimulatedClient client) {
        if (purgeable(client)) {
            dueAt(client.dateToDelete());
        }
    }

    private void dueAt(Instant at) {
        if (nextPurge == null || at.isBefore(nextPurge)) {
            nextPurge = at;
        }
    }

    private void purgeDue(Instant now) {
        if (nextPurge == null || now.isBefore(nextPurge)) {
            return;
        }
        clients.values().removeIf(c -> purgeable(c) && !now.isBefore(c.dateToDelete()));
        ghosts.values().removeIf(g -> !now.isBefore(g.until()));
        nextPurge = null;
        clients.values().forEach(this::dueAt);
        ghosts.values().forEach(g -> dueAt(g.until()));
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Override
    public String toString() {
        return "Organization[" + id + ", " + name + ", " + region + "]";
    }
}
