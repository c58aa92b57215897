package io.oauthgov.genesys;

import io.oauthgov.genesys.api.AuditApi;
import io.oauthgov.genesys.api.AuthorizationApi;
import io.oauthgov.genesys.api.OAuthClientsApi;
import io.oauthgov.genesys.api.UsageApi;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.governance.IdentityMetrics;
import io.oauthgov.genesys.governance.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Genesys Cloud API as one identity sees it: every resource shares that identity's token and governed call
 * chain, so its rate budget is spent in one place. Build one per identity.
 */
public final class GenesysClient {
    /** Roles and divisions per page: Genesys' default page size, so an org with many custom roles pages as usual. */
    private static final int ROLE_PAGE_SIZE = 25;

    private final GovernedCaller caller;
    private final OAuthClientsApi oauthClients;
    private final UsageApi usage;
    private final AuditApi audits;
    private final Duration budgetWindow;
    private final AuthorizationApi authorization;

    private GenesysClient(GovernedCaller caller, OAuthClientsApi oauthClients, UsageApi usage, AuditApi audits,
                          AuthorizationApi authorization, Duration budgetWindow) {
        this.caller = caller;
        this.budgetWindow = budgetWindow;
        this.oauthClients = oauthClients;
        this.usage = usage;
        this.audits = audits;
        this.authorization = authorization;
    }

    /** A client with real time and sleeping. */
    public static GenesysClient connect(String orgId, Endpoints endpoints, ClientCredentials credentials, GovernanceConfig config) {
        return connect(orgId, endpoints, credentials, config, Clock.systemUTC(), Sleeper.REAL);
    }

    public static GenesysClient connect(String orgId, Endpoints endpoints, ClientCredentials credentials, GovernanceConfig config,
                                        Clock clock, Sleeper sleeper) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        TokenProvider tokens = new TokenProvider(endpoints, credentials, http, clock, config.requestTimeout());
        GovernedCaller caller = new GovernedCaller(new ApiIdentity(orgId, credentials.clientId()), endpoints, http, tokens,
                config, clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
        return new GenesysClient(caller, new OAuthClientsApi(caller), new UsageApi(caller, clock, sleeper, config.queryMaxWait()),
                new AuditApi(caller, clock, sleeper, config.queryMaxWait()), new AuthorizationApi(caller, ROLE_PAGE_SIZE), config.window());
    }

    public ApiIdentity identity() { return caller.identity(); }

    public OAuthClientsApi oauthClients() { return oauthClients; }

    public UsageApi usage() { return usage; }

    public AuditApi audits() { return audits; }

    public AuthorizationApi authorization() { return authorization; }

    /** The same API reading {@code pageSize} entities per page: lets a test page through a small organization. */
    AuthorizationApi authorization(int pageSize) { return new AuthorizationApi(caller, pageSize); }

    public IdentityMetrics metrics() { return caller.metrics(); }

    /** See {@link GovernedCaller#guardChanges}: the executor's kill switch, checked at the last moment. */
    public void guardChanges(java.util.function.BooleanSupplier allowed) {
        caller.guardChanges(allowed);
    }

    /** The calls per window the governor currently allows this identity (learned from headers). */
    public int currentBudget() { return caller.governor().budget(); }

    /** The window {@link #currentBudget()} counts calls in (a sliding minute on Genesys Cloud). */
    public Duration budgetWindow() { return budgetWindow; }
}
