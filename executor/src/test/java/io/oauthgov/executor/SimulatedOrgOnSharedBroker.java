package io.oauthgov.executor;

import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.schemas.topics.Topics;
import io.oauthgov.simulator.GenesysSimulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the executor ITs that run many tests on one broker share: the provisioned broker for the test class, and per
 * test a simulated org of its own, with its registry published, whose identities have a known limit on a short
 * window (600 calls in 10 s, 60 calls/s) so tests are quick; closed after each test.
 */
abstract class SimulatedOrgOnSharedBroker {
    static final int LIMIT = 600;
    static final Duration WINDOW = Duration.ofSeconds(10);
    /** The governor told the simulator's limit up front. */
    static final GovernanceConfig KNOWN_LIMIT = GovernanceConfig.defaults().withRequestsPerWindow(LIMIT).withWindow(WINDOW);

    static ProvisionedBroker broker;
    static Topics topics;
    /** The current test's simulator; {@link #stopSimulator} closes the last one a test assigned. */
    GenesysSimulator simulator;
    ExecutorFixture fixture;

    @BeforeAll
    static void startBroker() {
        broker = ProvisionedBroker.start();
        topics = broker.topics();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    static Map<String, Object> kafka() {
        return broker.kafka();
    }

    /** A simulator builder for {@code orgs} orgs at the known limit, without an org-wide limit, with quick queries. */
    static GenesysSimulator.Builder simulated(int orgs, int clientsPerOrg, long seed) {
        return GenesysSimulator.builder().orgs(orgs).clientsPerOrg(clientsPerOrg).seed(seed)
                .identityRateLimit(LIMIT).rateWindow(WINDOW).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20));
    }

    /** Starts the test's simulated org with {@code clients} clients and publishes its registry. */
    ExecutorFixture organization(int clients, long seed) {
        simulator = simulated(1, clients, seed).start();
        fixture = new ExecutorFixture(topics, kafka(), simulator);
        fixture.publishRegistry();
        return fixture;
    }
}
