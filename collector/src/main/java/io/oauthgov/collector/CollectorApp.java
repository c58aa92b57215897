package io.oauthgov.collector;

import io.oauthgov.collector.fleet.FleetMembership;
import io.oauthgov.collector.metrics.CollectorMetrics;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the collector as a stage: owns the {@link Collector} and its schedule (once, or every interval until closed)
 * on one thread (a cycle's orgs are collected on the collector's workers) and, with a group, this instance's share
 * of the fleet ({@link FleetMembership}); and answers what a service is asked — is it ready, what did the last cycle
 * find. The CLI, the demo, the benchmarks and the tests start collections only through here; {@link Collector} does
 * the reading.
 *
 * <p>Ready means the last cycle verified every organization's snapshot and read its evidence: a collector whose
 * last cycle failed anywhere is alive but not ready, which is what an orchestrator should page on.
 */
public final class CollectorApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorApp.class);

    private final Config config;
    private final Collector collector;
    private final Thread worker;
    private final CountDownLatch firstCycle = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile CollectorStats stats = CollectorStats.NONE;
    private volatile RuntimeException failure;

    private CollectorApp(Config config, Consumer<String> progress, CollectorMetrics meters) {
        this.config = config;
        this.collector = new Collector(config.settings(), config.topics(), config.kafkaConfigs(), config.clock(), meters);
        this.worker = new Thread(() -> loop(progress), "oauthgov-collector");
    }

    /** Starts collecting on a thread of its own; once, or every {@code config.every()} until {@link #close()}. */
    public static CollectorApp start(Config config, Consumer<String> progress) {
        return start(config, progress, CollectorMetrics.none());
    }

    /** ... recording each org's figures and each cycle's verdict in {@code meters} (what /metrics and /health/ready show). */
    public static CollectorApp start(Config config, Consumer<String> progress, CollectorMetrics meters) {
        CollectorApp app = new CollectorApp(config, progress, meters);
        app.worker.start();
        return app;
    }

    /** One collection of every organization, on the calling thread's behalf: starts, waits, closes. */
    public static List<OrgReport> collectOnce(Config config, Consumer<String> progress) throws InterruptedException {
        if (config.every().isPresent()) {
            throw new IllegalArgumentException("collectOnce takes a config without a schedule");
        }
        try (CollectorApp app = start(config, progress)) {
            app.awaitFinished();
            return app.stats().lastCycle();
        }
    }

    private void loop(Consumer<String> progress) {
        try (FleetMembership fleet = config.group().map(group -> joinFleet(group, progress)).orElse(null)) {
            if (fleet == null) {
                collector.loadStateOnce();
            }
            Map<String, Long> seen = Map.of();
            do {
                List<OrgTarget> orgs = config.orgs();
                if (fleet != null) {
                    Map<String, Long> share = fleet.ownedOrgs();
                    orgs = ownShare(share, seen, progress);
                    seen = share;
                }
                Instant began = config.clock().instant();
                List<OrgReport> reports = collector.collectOnce(orgs, progress);
                stats = stats.after(reports, began, config.clock().instant());
                firstCycle.countDown();
                if (config.every().isEmpty() || stop.getCount() == 0) {
                    break;
                }
                progress.accept("next collection in " + human(config.every().get()) + " (Ctrl-C to stop)");
            } while (!awaitStop(config.every().get()));
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            Thread.currentThread().interrupt(); // closed while a cycle was still running
        } catch (RuntimeException e) {
            LOG.error("the collector stopped on an unexpected error", e);
            failure = e;
        } finally {
            firstCycle.countDown();
            finished.countDown();
        }
    }

    private FleetMembership joinFleet(String group, Consumer<String> progress) {
        FleetMembership fleet = FleetMembership.join(config.topics().collectorOrgs(), config.kafkaConfigs(), group, config.orgs(),
                FleetMembership.SESSION_TIMEOUT, config.clock());
        try {
            if (!fleet.awaitFirstShare(FleetMembership.SESSION_TIMEOUT.multipliedBy(3))) {
                LOG.warn("collector group {} assigned this instance nothing within {}; collecting what it is given later", group,
                        human(FleetMembership.SESSION_TIMEOUT.multipliedBy(3)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fleet.close();
            throw new java.util.concurrent.CancellationException("interrupted joining collector group " + group);
        }
        progress.accept("joined collector group " + group + " (orgs move between its instances within "
                + human(FleetMembership.SESSION_TIMEOUT) + " of one stopping)");
        return fleet;
    }

    /**
     * The configured orgs the group gives this instance now. Orgs it did not hold at the last look are taken over
     * first (fencing the previous owner, re-reading their state), so the cycle resumes where that owner left them.
     */
    private List<OrgTarget> ownShare(Map<String, Long> share, Map<String, Long> seen, Consumer<String> progress) {
        List<OrgTarget> mine = config.orgs().stream().filter(org -> share.containsKey(org.orgId())).toList();
        Set<String> acquired = mine.stream().map(OrgTarget::orgId).filter(id -> !share.get(id).equals(seen.get(id)))
                .collect(Collectors.toSet());
        collector.takeOver(acquired);
        Set<String> configured = config.orgs().stream().map(OrgTarget::orgId).collect(Collectors.toSet());
        share.keySet().stream().filter(id -> !configured.contains(id)).forEach(id -> LOG.warn(
                "the collector group gives this instance org {}, which its configuration lacks (no credentials): not collected", id));
        progress.accept("this instance collects " + mine.size() + " of " + configured.size() + " configured org(s)"
                + (acquired.isEmpty() ? "" : ", " + acquired.size() + " newly assigned"));
        return mine;
    }

    private boolean awaitStop(Duration interval) throws InterruptedException {
        return stop.await(interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the first cycle; true when it ended and verified every org. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return firstCycle.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && ready();
    }

    /** Whether the last finished cycle verified every organization and read all its evidence. */
    public boolean ready() {
        return failure == null && stats.cycles() > 0 && stats.lastCycleVerified();
    }

    /** Whether the worker is still running (scheduled mode) or working on its one cycle. */
    public boolean alive() {
        return finished.getCount() > 0;
    }

    /** Waits until the collector has stopped (a one-shot run ends after its cycle). @throws RuntimeException its failure */
    public void awaitFinished() throws InterruptedException {
        finished.await();
        if (failure != null) {
            throw failure;
        }
    }

    public CollectorStats stats() {
        return stats;
    }

    public Config config() {
        return config;
    }

    /** Stops the schedule; a cycle in progress finishes its current organization's transaction first. */
    @Override
    public void close() {
        stop.countDown();
        try {
            worker.join(Duration.ofMinutes(1).toMillis());
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(Duration.ofSeconds(10).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            collector.close();
        }
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param orgs each organization with the API of its collector identity
     * @param every the schedule; empty collects once
     * @param group the consumer group whose instances share the orgs (each collects the ones assigned to it);
     *              empty: this instance collects every configured org
     */
    public record Config(Topics topics, Map<String, Object> kafkaConfigs, CollectorSettings settings, List<OrgTarget> orgs,
                         Optional<Duration> every, Clock clock, Optional<String> group) {
        public Config {
            Objects.requireNonNull(topics, "topics");
            kafkaConfigs = Map.copyOf(kafkaConfigs);
            Objects.requireNonNull(settings, "settings");
            orgs = List.copyOf(orgs);
            if (orgs.isEmpty()) {
                throw new IllegalArgumentException("the collector needs at least one organization");
            }
            Objects.requireNonNull(every, "every");
            every.ifPresent(d -> {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("the collection interval must be positive");
                }
            });
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(group, "group");
            if (group.isPresent() && every.isEmpty()) {
                throw new IllegalArgumentException("a collector group shares a schedule's cycles: it needs an interval");
            }
        }

        public Config(Topics topics, Map<String, Object> kafkaConfigs, CollectorSettings settings, List<OrgTarget> orgs,
                      Optional<Duration> every, Clock clock) {
            this(topics, kafkaConfigs, settings, orgs, every, clock, Optional.empty());
        }

        public static Config once(Topics topics, Map<String, Object> kafkaConfigs, CollectorSettings settings, List<OrgTarget> orgs) {
            return new Config(topics, kafkaConfigs, settings, orgs, Optional.empty(), Clock.systemUTC());
        }

        public Config every(Duration interval) {
            return new Config(topics, kafkaConfigs, settings, orgs, Optional.of(interval), clock, group);
        }

    }
}
