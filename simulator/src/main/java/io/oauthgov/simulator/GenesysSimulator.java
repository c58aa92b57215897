package io.oauthgov.simulator;

import io.oauthgov.simulator.faults.FaultPlan;
import io.oauthgov.simulator.generator.GeneratedWorld;
import io.oauthgov.simulator.generator.GeneratorSettings;
import io.oauthgov.simulator.generator.GroundTruth;
import io.oauthgov.simulator.generator.IntegrationRegistry;
import io.oauthgov.simulator.generator.OrganizationGenerator;
import io.oauthgov.simulator.http.AuditResource;
import io.oauthgov.simulator.http.AuthorizationResource;
import io.oauthgov.simulator.http.Dispatcher;
import io.oauthgov.simulator.http.ListingObserver;
import io.oauthgov.simulator.http.LoopbackServer;
import io.oauthgov.simulator.http.OAuthClientsResource;
import io.oauthgov.simulator.http.RateLimiter;
import io.oauthgov.simulator.http.Route;
import io.oauthgov.simulator.http.TokenEndpoint;
import io.oauthgov.simulator.http.TokenStore;
import io.oauthgov.simulator.http.UsageResource;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.AuditEntry;
import io.oauthgov.simulator.model.EntityRef;
import io.oauthgov.simulator.model.IdentityRole;
import io.oauthgov.simulator.model.Organization;
import io.oauthgov.simulator.model.ServiceMapping;
import io.oauthgov.simulator.model.SimulatedClient;
import io.oauthgov.simulator.model.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An in-process Genesys Cloud: seeded organizations behind one loopback base URL serving both the login
 * ({@code /oauth/token}) and the API ({@code /api/v2/...}), with rate limits, scripted faults, a request log,
 * a deletion log and the ground truth of what a correct governance pipeline should conclude.
 *
 * <pre>{@code
 * try (GenesysSimulator sim = GenesysSimulator.builder().clientsPerOrg(100).seed(7).build().start()) {
 *     ApiIdentity collector = sim.identity(sim.orgIds().get(0), IdentityRole.COLLECTOR);
 *     // POST sim.baseUrl() + "/oauth/token" with Basic collector.clientId():collector.secret()
 * }
 * }</pre>
 */
public final class GenesysSimulator implements AutoCloseable {
    private final Builder settings;
    private final Clock clock;
    private final GeneratedWorld world;
    private final Tenants tenants;
    private final SecretLedger secrets;
    private final FaultPlan faults;
    private final RequestLog requestLog;
    private final Metrics metrics = new Metrics();
    private final DeletionLog deletionLog = new DeletionLog();
    private final TokenEndpoint tokenEndpoint;
    private final MidRunScript midRun;
    private final Dispatcher dispatcher;
    private LoopbackServer server;

    private GenesysSimulator(Builder b) {
        this.settings = b;
        this.clock = b.clock;
        this.secrets = new SecretLedger();
        Instant anchor = b.anchor != null ? b.anchor : clock.instant();
        this.world = new OrganizationGenerator().generate(new GeneratorSettings(b.orgs, b.clientsPerOrg, b.seed,
                anchor, b.collectorsPerOrg, b.executorsPerOrg, secrets::issueSecret, b.revokedPermissions));
        this.tenants = new Tenants(world.organizations(), world.identities());
        this.faults = new FaultPlan(clock);
        this.requestLog = new RequestLog(b.requestLogCapacity);
        this.midRun = new MidRunScript(world.truth(), clock);
        TokenStore tokens = new TokenStore(secrets);
        this.tokenEndpoint = new TokenEndpoint(tenants, tokens, b.tokenLifetime);
        RateLimiter limiter = new RateLimiter(b.rateWindow, b.identityRateLimit, b.orgRateLimit, b.identityLimits);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new OAuthClientsResource(b.pageSize, faults, deletionLog, secrets, listingObserver(),
                id -> tenants.identity(id).isPresent()).routes());
        routes.addAll(new UsageResource(faults, b.queryStageDuration).routes());
        routes.addAll(new AuditResource(b.queryStageDuration).routes());
        routes.addAll(new AuthorizationResource().routes());
        this.dispatcher = new Dispatcher(clock, tenants, tokens, limiter, faults, tokenEndpoint, routes, requestLog,
                metrics);
        b.faultSetup.accept(faults);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts serving on 127.0.0.1 (port 0 unless the builder fixed one); returns this for chaining. */
    public synchronized GenesysSimulator start() {
        if (server == null) {
            try {
                server = new LoopbackServer(java.net.InetAddress.getByName(settings.bindAddress), settings.port, settings.threads, dispatcher);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the Genesys simulator on port " + settings.port, e);
            }
        }
        return this;
    }

    /** {@code http://127.0.0.1:<port>}: use it as both the login host and the API base path. */
    public synchronized String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("start() the simulator first");
        }
        return server.baseUrl();
    }

    public synchronized int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    // ---- organizations, identities, truth ------------------------------------------------------------------

    public List<String> orgIds() {
        return tenants.organizations().stream().map(Organization::id).toList();
    }

    public List<Organization> organizations() {
        return tenants.organizations();
    }

    public Organization organization(String orgId) {
        return tenants.require(orgId);
    }

    /** The org's API identities (client id, secret, permissions, region), collectors first. */
    public List<ApiIdentity> identities(String orgId) {
        return tenants.identities(orgId);
    }

    /** The first identity of the org with that role. */
    public ApiIdentity identity(String orgId, IdentityRole role) {
        return identities(orgId).stream().filter(i -> i.role() == role).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + role + " identity in org " + orgId));
    }

    public List<ApiIdentity> allIdentities() {
        return tenants.allIdentities();
    }

    /** An access token for the identity without an HTTP login (the token still expires and is rate limited). */
    public String accessToken(ApiIdentity identity) {
        return tokenEndpoint.issue(identity, clock.instant());
    }

    public GroundTruth groundTruth() {
        return world.truth();
    }

    public IntegrationRegistry integrationRegistry() {
        return world.registry();
    }

    // ---- observation -----------------------------------------------------------------------------------------

    public FaultPlan faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    public Metrics metrics() {
        return metrics;
    }

    public DeletionLog deletionLog() {
        return deletionLog;
    }

    /** Every client secret the simulator handed out, to scan topics, logs and files for leaks. */
    public java.util.Set<String> issuedSecrets() {
        return secrets.issuedSecrets();
    }

    public SecretLedger secretLedger() {
        return secrets;
    }

    public List<ScriptedEvent> scriptedEvents() {
        return midRun.events();
    }

    public Clock clock() {
        return clock;
    }

    // ---- changing the world from outside HTTP ----------------------------------------------------------------

    /** The client as it is now, or empty once it is gone (purged or vanished). */
    public Optional<SimulatedClient> client(String orgId, String clientId) {
        return organization(orgId).client(clientId, clock.instant());
    }

    /**
     * Records that the client was used at {@code at}: a usage row for that day and an audit entry naming the client
     * as the actor. This is the sign of life a quarantine watch must pick up.
     */
    public void recordUse(String orgId, String clientId, Instant at) {
        Organization org = organization(orgId);
        String name = org.client(clientId, clock.instant()).map(SimulatedClient::name).orElse(clientId);
        org.recordHistoricUsage(clientId, name, at.atZone(ZoneOffset.UTC).toLocalDate(), "api/v2/users", "GET", 200,
                1);
        org.addAudit(new AuditEntry(UUID.randomUUID().toString(), at, null, clientId, ServiceMapping.DIRECTORY,
                "Update", "User", new EntityRef(UUID.randomUUID().toString(), "Integration User"), "SYSTEM",
                "SUCCESS", "10.30.0.9", List.of()));
    }

    /** Changes a client as an administrator would (the change is audited); returns the new value. */
    public SimulatedClient updateClient(String orgId, String clientId, UnaryOperator<SimulatedClient> change) {
        Organization org = organization(orgId);
        SimulatedClient current = org.client(clientId, clock.instant())
                .orElseThrow(() -> new IllegalArgumentException("no client " + clientId + " in org " + orgId));
        SimulatedClient changed = change.apply(current);
        org.put(changed);
        org.audit(clock.instant(), MidRunScript.SCRIPT_USER, null, ServiceMapping.PEOPLE_PERMISSIONS, "Update",
                "OAuthClient", new EntityRef(clientId, changed.name()), List.of());
        return changed;
    }

    /** Runs the mid-run script for one org now (once per org; later calls do nothing). */
    public List<ScriptedEvent> triggerMidRunChanges(String orgId) {
        return midRun.trigger(organization(orgId), this::recordUse);
    }

    public List<ScriptedEvent> triggerMidRunChanges() {
        List<ScriptedEvent> events = new ArrayList<>();
        orgIds().forEach(id -> events.addAll(triggerMidRunChanges(id)));
        return events;
    }

    private ListingObserver listingObserver() {
        return new ListingObserver() {
            @Override
            public void fullListingServed(Organization org) {
                if (settings.midRunTrigger == MidRunTrigger.AFTER_FIRST_FULL_LISTING) {
                    midRun.trigger(org, GenesysSimulator.this::recordUse);
                }
            }

            @Override
            public void driftRemoved(Organization org, SimulatedClient client) {
                midRun.recordDrift(org, client, ScriptedEvent.Kind.DRIFT_REMOVED);
            }

            @Override
            public void driftAdded(Organization org, SimulatedClient client) {
                midRun.recordDrift(org, client, ScriptedEvent.Kind.DRIFT_ADDED);
            }
        };
    }

    /** Configuration; every option has a default that gives a small, fault-free, one-page organization. */
    public static final class Builder {
        private int orgs = 1;
        private int clientsPerOrg = 50;
        private long seed = 42;
        private Instant anchor;
        private Clock clock = Clock.systemUTC();
        private int collectorsPerOrg = 1;
        private int executorsPerOrg = 1;
        private int identityRateLimit = 300;
        private int orgRateLimit = 3000;
        private final Map<String, Integer> identityLimits = new HashMap<>();
        private final Map<IdentityRole, java.util.Set<String>> revokedPermissions = new HashMap<>();
        private Duration rateWindow = Duration.ofMinutes(1);
        private int pageSize;
        private Duration tokenLifetime = Duration.ofHours(24);
        private Duration queryStageDuration = Duration.ofSeconds(1);
        private int port;
        private String bindAddress = "127.0.0.1";
        private int threads = 8;
        private int requestLogCapacity = 100_000;
        private MidRunTrigger midRunTrigger = MidRunTrigger.MANUAL;
        private Consumer<FaultPlan> faultSetup = f -> { };

        private Builder() {
        }

        public Builder orgs(int orgs) {
            this.orgs = orgs;
            return this;
        }

        public Builder clientsPerOrg(int clients) {
            this.clientsPerOrg = clients;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The "now" generated history is relative to; defaults to the clock's now. Fix it for identical output. */
        public Builder anchor(Instant anchor) {
            this.anchor = anchor;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder collectorsPerOrg(int count) {
            this.collectorsPerOrg = count;
            return this;
        }

        public Builder executorsPerOrg(int count) {
            this.executorsPerOrg = count;
            return this;
        }

        /** Requests per rate window each identity may make (default 300 per minute). */
        public Builder identityRateLimit(int perWindow) {
            this.identityRateLimit = perWindow;
            return this;
        }

        /** A different limit for one identity (by OAuth client id). */
        /**
         * The API identities of {@code role} lack {@code permission} (e.g. {@code usage:api:view}): their calls that
         * need it get 403 {@code missing.any.permissions}, as a real org answers an under-privileged client.
         */
        public Builder withoutPermission(IdentityRole role, String permission) {
            this.revokedPermissions.computeIfAbsent(role, r -> new java.util.HashSet<>()).add(permission);
            return this;
        }

        public Builder identityRateLimit(String clientId, int perWindow) {
            this.identityLimits.put(clientId, perWindow);
            return this;
        }

        /** Requests per rate window all identities of one org may make together (default 3000; 0 = unlimited). */
        public Builder orgRateLimit(int perWindow) {
            this.orgRateLimit = perWindow;
            return this;
        }

        public Builder rateWindow(Duration window) {
            this.rateWindow = window;
            return this;
        }

        /** Entities per listing page; 0 (default) serves every client on one page without {@code nextUri}. */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        /** Simulator time after which an async query advances a stage even if nobody polls (default 1 s). */
        public Builder queryStageDuration(Duration duration) {
            this.queryStageDuration = duration;
            return this;
        }

        /** Default 127.0.0.1; "0.0.0.0" only where other hosts must reach it (a container network). */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder requestLogCapacity(int capacity) {
            this.requestLogCapacity = capacity;
            return this;
        }

        public Builder midRunTrigger(MidRunTrigger trigger) {
            this.midRunTrigger = trigger;
            return this;
        }

        /** Faults active from the start; the same {@link FaultPlan} stays switchable through {@link #faults()}. */
        public Builder faults(Consumer<FaultPlan> setup) {
            this.faultSetup = setup;
            return this;
        }

        public GenesysSimulator build() {
            return new GenesysSimulator(this);
        }

        /** Builds and starts. */
        public GenesysSimulator start() {
            return build().start();
        }
    }
}
