package io.oauthgov.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.metrics.DomainMetrics;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.faults.FaultLimit;
import io.oauthgov.simulator.faults.FaultTarget;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The per-identity figures as a scrape shows them, after real calls against the simulator. */
class ApiIdentityMetersIT {

    @Test
    void exportsCallsThrottlesWaitAndBudgetOfEachIdentityWithoutItsSecret() {
        try (GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(21).start()) {
            String orgId = simulator.orgIds().get(0);
            ApiIdentity identity = simulator.identity(orgId, IdentityRole.COLLECTOR);
            GenesysClient api = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                    new ClientCredentials(identity.clientId(), identity.secret()), GovernanceConfig.defaults().withRequestsPerWindow(600));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            ApiIdentityMeters.bind(registry, api, Clock.systemUTC());
            String before = registry.scrape();

            simulator.faults().throttle(FaultTarget.identity(identity.clientId()), FaultLimit.calls(1), 1);
            api.oauthClients().listAll();
            String after = registry.scrape();

            String series = "{identity=\"" + identity.clientId() + "\",org=\"" + orgId + "\"}";
            assertThat(before).contains(DomainMetrics.API_CALLS.prometheusName() + series + " 0.0");
            assertThat(after).contains(DomainMetrics.API_CALLS.prometheusName() + series + " " + (double) api.metrics().calls())
                    .contains(DomainMetrics.API_THROTTLED.prometheusName() + series + " 1.0")
                    .contains(DomainMetrics.API_BUDGET.prometheusName() + series + " " + (double) api.currentBudget())
                    .doesNotContain(identity.secret());
            assertThat(api.metrics().calls()).as("the 429 and the listing").isGreaterThanOrEqualTo(2);
            assertThat(value(after, DomainMetrics.API_THROTTLED_WAIT.prometheusName() + series)).as("Retry-After: 1 waited out")
                    .isGreaterThanOrEqualTo(0.99);
            assertThat(value(after, DomainMetrics.API_BUDGET_UTILISATION.prometheusName() + series)).as("calls since the first scrape")
                    .isPositive();
        }
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " missing in\n" + scrape));
    }
}
