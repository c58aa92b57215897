package io.oauthgov.executor;

import io.oauthgov.executor.metrics.ExecutorMetrics;
import io.oauthgov.executor.metrics.ExecutorReadiness;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the executor as a stage: owns the {@link GovernanceExecutor} on a thread of its own and answers what a
 * service is asked — is it ready (reading approvals with the control plane caught up), what has it done, has it
 * stopped. The CLI, the demo, the benchmarks and the tests start executors only through here.
 */
public final class ExecutorApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorApp.class);

    private final Config config;
    private final ApiIdentities identities;
    private final GovernanceExecutor executor;
    private final Thread worker;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Throwable failure;

    private ExecutorApp(Config config, ExecutorMetrics meters) {
        this.config = config;
        this.identities = ApiIdentities.of(config.identities());
        this.executor = new GovernanceExecutor(config.topics(), config.clientConfigs(), identities, config.settings(), config.clock(), meters);
        this.worker = new Thread(this::run, "oauthgov-executor");
    }

    /** Starts the executor; it runs until {@link #close()} or, with {@code stopWhenIdle}, until idle. */
    public static ExecutorApp start(Config config) {
        return start(config, ExecutorMetrics.none());
    }

    /** ... recording outcomes, refusals, quarantine size and each identity's figures in {@code meters}. */
    public static ExecutorApp start(Config config, ExecutorMetrics meters) {
        ExecutorApp app = new ExecutorApp(config, meters);
        app.worker.start();
        return app;
    }

    private void run() {
        try {
            executor.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("the executor stopped: it cannot go on safely", e);
            failure = e;
        } finally {
            finished.countDown();
        }
    }

    /** Waits until the executor owns its approvals partitions with the control plane read; false on timeout or stop. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready()) {
                return true;
            }
            if (finished.await(50, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return ready();
    }

    /** Reading approvals with the registry, the control topic and recent activity caught up, owning partitions. */
    public boolean ready() {
        return readiness().check().ready();
    }

    /** What /health/ready answers for this executor. */
    public ExecutorReadiness readiness() {
        return new ExecutorReadiness(executor.stats());
    }

    /** Waits until the executor stopped (idle, closed or failed). @return false on timeout */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the executor stopped. @throws IllegalStateException when it stopped because it could not go on safely */
    public void awaitStopped() throws InterruptedException {
        finished.await();
        if (failure != null) {
            throw new IllegalStateException("the executor stopped: " + failure.getMessage(), failure);
        }
    }

    public boolean alive() {
        return finished.getCount() > 0;
    }

    public ExecutorStats stats() {
        return executor.stats();
    }

    /** Quarantines still open when it stopped idle (durable: the next run ends them). */
    public OpenQuarantines leftOpen() {
        return executor.leftOpen();
    }

    public ApiIdentities identities() {
        return identities;
    }

    /** Stops taking work; anything uncommitted comes back to the next owner of its partition. */
    @Override
    public void close() {
        executor.stop();
        try {
            if (!finished.await(60, TimeUnit.SECONDS)) {
                worker.interrupt();
                finished.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param identities each org's executor identities, one API (and rate budget) each */
    public record Config(Topics topics, Map<String, Object> clientConfigs, List<GenesysClient> identities, ExecutorSettings settings,
                         Clock clock) {
        public Config {
            Objects.requireNonNull(topics, "topics");
            clientConfigs = Map.copyOf(clientConfigs);
            identities = List.copyOf(identities);
            if (identities.isEmpty()) {
                throw new IllegalArgumentException("the executor needs at least one API identity");
            }
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
        }

        public static Config of(Topics topics, Map<String, Object> clientConfigs, List<GenesysClient> identities, ExecutorSettings settings) {
            return new Config(topics, clientConfigs, identities, settings, Clock.systemUTC());
        }
    }
}
