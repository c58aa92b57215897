package io.oauthgov.genesys;

import io.micrometer.core.instrument.MeterRegistry;
import io.oauthgov.genesys.governance.IdentityMetrics;
import io.oauthgov.metrics.DomainMetrics;
import io.oauthgov.metrics.SlidingCount;
import java.time.Clock;

/**
 * Exposes what one identity's call chain already counts ({@link IdentityMetrics}, the governor's budget) as the
 * {@code oauthgov_api_*} meters, read at scrape time: the retry and pacing code records nothing twice and knows
 * nothing of Micrometer. Tagged by org and the identity's client id (an id, never its secret).
 */
public final class ApiIdentityMeters {
    private ApiIdentityMeters() {}

    public static void bind(MeterRegistry registry, GenesysClient api, Clock clock) {
        String org = api.identity().orgId();
        String identity = api.identity().clientId();
        IdentityMetrics figures = api.metrics();
        DomainMetrics.API_CALLS.functionCounter(registry, figures, IdentityMetrics::calls, org, identity);
        DomainMetrics.API_THROTTLED.functionCounter(registry, figures, IdentityMetrics::throttled, org, identity);
        DomainMetrics.API_RETRIES.functionCounter(registry, figures, IdentityMetrics::retries, org, identity);
        DomainMetrics.API_FAILURES.functionCounter(registry, figures, IdentityMetrics::failures, org, identity);
        DomainMetrics.API_THROTTLED_WAIT.functionCounter(registry, figures, f -> f.waited().toMillis() / 1000.0, org, identity);
        DomainMetrics.API_BUDGET.gauge(registry, api, GenesysClient::currentBudget, org, identity);
        SlidingCount sentPerWindow = new SlidingCount(figures::calls, api.budgetWindow(), clock);
        DomainMetrics.API_BUDGET_UTILISATION.gauge(registry, api, a -> sentPerWindow.perWindow() / a.currentBudget(), org, identity);
    }
}
