package io.oauthgov.cli;

import io.oauthgov.collector.Collector;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.collector.metrics.CollectorMetrics;
import io.oauthgov.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov collect}: snapshots and evidence of every configured organization, once or on a schedule. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Read every configured Genesys Cloud organization: verified OAuth client snapshots and evidence of use.",
                "Organizations come from --config (YAML) or, for one org, from GENESYSCLOUD_OAUTHCLIENT_ID,",
                "GENESYSCLOUD_OAUTHCLIENT_SECRET, GENESYSCLOUD_REGION and OAUTHGOV_ORG_ID."})
public final class CollectCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file listing the organizations to collect.")
    Path config;

    @ArgGroup(exclusive = true)
    Schedule schedule = new Schedule();

    static final class Schedule {
        @Option(names = "--once", description = "Collect once and exit (default).")
        boolean once;

        @Option(names = "--every", paramLabel = "DURATION", description = "Collect repeatedly, e.g. 15m, 1h, 30s, until interrupted.")
        String every;
    }

    @Option(names = "--backfill-days", defaultValue = "180", description = "Evidence the first run reads back (default: ${DEFAULT-VALUE}).")
    int backfillDays;

    @Option(names = "--audit-settle", defaultValue = "5m", paramLabel = "DURATION",
            description = {"Read the audit log only up to this long ago: the platform indexes entries with a delay, and an",
                    "entry that lands after its interval was read would be missed (default: ${DEFAULT-VALUE}; 0s for the simulator)."})
    String auditSettle;

    @Option(names = "--transactional-id", defaultValue = "oauthgov-collector",
            description = "Kafka transactional id; a second collector with the same id fences the first (default: ${DEFAULT-VALUE}).")
    String transactionalId;

    @Override
    public Integer call() throws Exception {
        Duration interval = schedule.every == null ? null : TimeArguments.duration(schedule.every, "--every", false);
        if (backfillDays < 1) {
            throw new UserError("--backfill-days must be at least 1", "the default, 180, covers one stale window");
        }
        OrgsConfig orgs = config != null ? OrgsConfig.load(config) : OrgsConfig.fromEnvironment(System.getenv());
        List<OrgTarget> targets = orgs.orgs().stream()
                .map(org -> new OrgTarget(org.orgId(), org.regionName(), org.connect(System.getenv()))).toList();

        Map<String, Object> clientConfigs = kafka.clientConfigs();
        Topics topics = kafka.topics();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        CollectorSettings settings = new CollectorSettings(Duration.ofDays(backfillDays), transactionalId, 500,
                TimeArguments.duration(auditSettle, "--audit-settle", true));
        MetricsEndpoint endpoint = metrics.start("collector", out);
        CollectorMetrics meters = new CollectorMetrics(endpoint.registry(), Clock.systemUTC());
        endpoint.readiness(meters.health());
        try (endpoint; Collector collector = new Collector(settings, topics, clientConfigs, Clock.systemUTC(), meters)) {
            while (true) {
                List<OrgReport> reports = collector.collectOnce(targets, line -> {
                    out.println(line);
                    out.flush();
                });
                boolean allVerified = reports.stream().allMatch(r -> r.verified() && r.evidenceError() == null);
                if (interval == null) {
                    return allVerified ? Main.OK : Main.FAILED;
                }
                out.printf("next collection in %s (Ctrl-C to stop)%n", schedule.every);
                out.flush();
                if (stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    return Main.OK;
                }
            }
        }
    }

}
