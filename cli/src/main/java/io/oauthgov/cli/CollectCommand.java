package io.oauthgov.cli;

import io.oauthgov.cli.config.ConfigEnvironment;
import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.collector.CollectorApp;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.collector.metrics.CollectorMetrics;
import io.oauthgov.schemas.topics.Topic;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov collect}: snapshots and evidence of every configured organization, once or on a schedule. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Read every configured Genesys Cloud organization: verified OAuth client snapshots and evidence of use.",
                "Organizations and their collector identities come from --config (oauthgov.yaml: orgs[].collector) or, for",
                "one org, from GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET, GENESYSCLOUD_REGION and OAUTHGOV_ORG_ID.",
                "Exit 0 when every org was verified and its evidence read, 1 otherwise (each org's line says why)."})
public final class CollectCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Mixin
    MetricsOptions metrics;

    @ArgGroup(exclusive = true)
    Schedule schedule = new Schedule();

    static final class Schedule {
        @Option(names = "--once", description = "Collect once and exit (default unless collector.every is set).")
        boolean once;

        @Option(names = "--every", paramLabel = "DURATION", description = "Collect repeatedly, e.g. 15m, 1h, 30s, until interrupted (collector.every).")
        String every;
    }

    @Option(names = "--backfill-days", description = "Evidence the first run reads back (collector.backfillDays; default 180).")
    Integer backfillDays;

    @Option(names = "--audit-settle", paramLabel = "DURATION",
            description = {"Read the audit log only up to this long ago: the platform indexes entries with a delay, and an",
                    "entry that lands after its interval was read would be missed (collector.auditSettle; default 5m; 0s for the simulator)."})
    String auditSettle;

    @Option(names = "--give-up-after", defaultValue = "5m", paramLabel = "DURATION",
            description = {"Give up on an org for this run once its calls failed (5xx, timeouts) without a success for this long;",
                    "a shorter blip is retried through (default: ${DEFAULT-VALUE}). The other orgs are collected regardless."})
    String giveUpAfter;

    @Option(names = "--transactional-id",
            description = {"Prefix of the Kafka transactional ids, one per org (<prefix>-<orgId>); a second collector collecting",
                    "the same org with the same prefix fences the first for that org (collector.transactionalId)."})
    String transactionalId;

    @Option(names = "--parallel-orgs", paramLabel = "N",
            description = {"Organizations collected at once, each on its own worker through its own identity and rate budget",
                    "(collector.parallelOrgs; default: every configured org, up to " + CollectorSettings.MAX_PARALLEL_ORGS + ")."})
    Integer parallelOrgs;

    @Option(names = "--group", paramLabel = "GROUP_ID",
            description = {"Share the configured orgs with every other `collect --every` instance of this Kafka consumer group:",
                    "each org is collected by exactly one live instance, and a stopped instance's orgs move to the others",
                    "within 10 s (collector.group; default: none, this instance collects every org)."})
    String group;

    @Override
    public Integer call() throws Exception {
        DeploymentConfig.CollectorStage stage = kafka.settings().collector();
        Optional<Duration> interval = schedule.once ? Optional.empty()
                : schedule.every != null ? Optional.of(TimeArguments.duration(schedule.every, "--every", false)) : stage.every();
        int days = backfillDays != null ? backfillDays : stage.backfillDays();
        if (days < 1) {
            throw new UserError("--backfill-days must be at least 1", "the default, 180, covers one stale window");
        }
        Duration giveUp = TimeArguments.duration(giveUpAfter, "--give-up-after", false);
        Duration settle = auditSettle != null ? TimeArguments.duration(auditSettle, "--audit-settle", true) : stage.auditSettle();
        Deployment deployment = kafka.deployment();
        List<DeploymentConfig.Org> orgs = deployment.config().orgs();
        if (orgs.isEmpty()) {
            throw new UserError("no organizations to collect: " + deployment.config().source() + " lists none and "
                    + ConfigEnvironment.ORG_ID + " is not set", "add orgs to oauthgov.yaml (see `oauthgov dev` for an example) or set "
                    + ConfigEnvironment.ORG_ID + ", GENESYSCLOUD_OAUTHCLIENT_ID/_SECRET and GENESYSCLOUD_REGION");
        }
        List<OrgTarget> targets = orgs.stream()
                .map(org -> new OrgTarget(org.orgId(), org.regionName(), deployment.connect(org, DeploymentConfig.Role.COLLECTOR, giveUp))).toList();
        int parallel = parallelOrgs != null ? parallelOrgs : stage.parallelOrgs().orElse(CollectorSettings.ALL_ORGS);
        if (parallelOrgs != null && (parallelOrgs < 1 || parallelOrgs > CollectorSettings.MAX_PARALLEL_ORGS)) {
            throw new UserError("--parallel-orgs must be 1.." + CollectorSettings.MAX_PARALLEL_ORGS + ", was " + parallelOrgs,
                    "leave it out to collect every configured org at once (up to " + CollectorSettings.MAX_PARALLEL_ORGS + ")");
        }
        CollectorSettings settings = new CollectorSettings(Duration.ofDays(days),
                transactionalId != null ? transactionalId : stage.transactionalId(), 500, settle, parallel);
        Optional<String> fleetGroup = group != null ? Optional.of(group) : stage.group();
        if (fleetGroup.isPresent() && interval.isEmpty()) {
            throw new UserError("--group shares the orgs between scheduled collectors: it needs --every (or collector.every)",
                    "run e.g. `oauthgov collect --every 15m --group " + fleetGroup.get() + "` on each instance");
        }
        List<Topic<?, ?>> needed = new ArrayList<>(List.of(deployment.topics().clients(), deployment.topics().snapshots(),
                deployment.topics().activity(), deployment.topics().checkpoints()));
        fleetGroup.ifPresent(g -> needed.add(deployment.topics().collectorOrgs()));
        StagePreflight.check(deployment.clientConfigs(), deployment.serdeConfigs(), 0,
                needed.toArray(Topic<?, ?>[]::new));
        CollectorApp.Config config = new CollectorApp.Config(deployment.topics(), deployment.clientConfigs(), settings, targets,
                interval, Clock.systemUTC(), fleetGroup);

        PrintWriter out = spec.commandLine().getOut();
        MetricsEndpoint endpoint = metrics.start("collector", out, deployment.config().collector().metricsPort(), deployment.config().metrics().bind());
        CollectorMetrics meters = new CollectorMetrics(endpoint.registry(), Clock.systemUTC());
        endpoint.readiness(meters.health());
        try (endpoint; CollectorApp app = CollectorApp.start(config, line -> {
            out.println(line);
            out.flush();
        }, meters)) {
            Thread hook = new Thread(app::close, "oauthgov-collect-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            app.awaitFinished();
            removeQuietly(hook);
            return interval.isPresent() || app.stats().lastCycleVerified() ? Main.OK : Main.FAILED;
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
