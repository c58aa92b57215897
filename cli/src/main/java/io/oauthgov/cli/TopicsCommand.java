package io.oauthgov.cli;

import io.oauthgov.schemas.topics.TopicAccess;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.TopicProvisioner.TopicState;
import io.oauthgov.schemas.topics.TopicSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov topics list|acls|create|describe}: the topic catalog, and the cluster compared with it. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Show the topic catalog, create its topics, or compare a cluster with it.")
public final class TopicsCommand {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the topic catalog (needs no cluster).")
    int list(@Option(names = "--markdown", description = "Print the table README.md embeds.") boolean markdown) {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.println("| topic | key → value | partitions | cleanup | retention | purpose |");
            out.println("|---|---|---|---|---|---|");
            for (TopicSpec<?, ?> t : TopicCatalog.ALL) {
                out.printf("| `%s` | `%s` → `%s` | %d | %s | %s | %s |%n", t.name(), t.keyType().getSimpleName(),
                        t.valueType().getSimpleName(), t.partitions(), t.cleanupPolicy().configValue(), t.retentionText(), t.purpose());
            }
            return Main.OK;
        }
        out.printf("%-32s %-16s %-22s %4s %-8s %-9s%n", "TOPIC", "KEY", "VALUE", "PART", "CLEANUP", "RETENTION");
        for (TopicSpec<?, ?> t : TopicCatalog.ALL) {
            out.printf("%-32s %-16s %-22s %4d %-8s %-9s%n", t.name(), t.keyType().getSimpleName(), t.valueType().getSimpleName(),
                    t.partitions(), t.cleanupPolicy().configValue(), t.retentionText());
        }
        return Main.OK;
    }

    @Command(name = "acls", mixinStandardHelpOptions = true,
            description = {"Print the kafka-acls commands that let each role's principal write only the topics it owns and read",
                    "only what it consumes (the catalog's writers and readers). Needs no cluster; review, then run them."})
    int acls(@Option(names = "--principal", paramLabel = "ROLE=PRINCIPAL",
                     description = "A role's Kafka principal, e.g. executor=User:svc-exec (default: User:oauthgov-<role>); roles: "
                             + "collector, registry, analyzer, approver, executor, operator, siem.") Map<String, String> principals,
             @Option(names = "--bootstrap-server", defaultValue = "localhost:9092", description = "Printed into each line (default: ${DEFAULT-VALUE}).")
             String bootstrap,
             @Option(names = "--command-config", paramLabel = "FILE", description = "Printed into each line: the admin's SASL/SSL properties.")
             String commandConfig,
             @Option(names = "--analyzer-application-id", defaultValue = "oauthgov-analyzer") String analyzerId,
             @Option(names = "--executor-id", defaultValue = "oauthgov-executor", description = "The executor's group and transactional id.")
             String executorId,
             @Option(names = "--collector-transactional-id", defaultValue = "oauthgov-collector",
                     description = "The collectors' transactional id prefix (one id per org: <prefix>-<orgId>).") String collectorId,
             @Option(names = "--collector-group", defaultValue = "oauthgov-collectors",
                     description = "The consumer group of collector instances sharing a fleet (collect --group).") String collectorGroup) {
        Map<TopicAccess.Role, String> roles = new java.util.EnumMap<>(TopicAccess.Role.class);
        (principals == null ? Map.<String, String>of() : principals).forEach((role, principal) -> {
            try {
                roles.put(TopicAccess.Role.valueOf(role.trim().toUpperCase(java.util.Locale.ROOT)), principal.trim());
            } catch (IllegalArgumentException e) {
                throw new UserError("--principal " + role + ": no such role", "use one of collector, registry, analyzer, approver, executor, operator, siem");
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        new TopicAcls(roles, bootstrap, commandConfig).lines(new TopicAcls.Ids(collectorId, collectorGroup, analyzerId, executorId,
                executorId)).forEach(out::println);
        return Main.OK;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create every catalog topic that is missing; existing topics are left as they are and drift is reported.")
    int create(@Mixin DeploymentOptions kafka,
               @Option(names = "--replication-factor", defaultValue = "3", description = {"Replication factor of new topics (default: ${DEFAULT-VALUE},",
                       "three brokers); they get min.insync.replicas 2 (at most replicas - 1; 1 without replicas)."})
               short replicationFactor) {
        if (replicationFactor < 1) {
            throw new UserError("--replication-factor must be at least 1", "use 1 for a single-broker development cluster");
        }
        try (Admin admin = admin(kafka)) {
            return print(new TopicProvisioner(admin).ensure(TopicCatalog.ALL, replicationFactor));
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Compare the cluster's topics with the catalog (partitions, cleanup policy, retention, min.insync.replicas).")
    int describe(@Mixin DeploymentOptions kafka) {
        try (Admin admin = admin(kafka)) {
            return print(new TopicProvisioner(admin).describe(TopicCatalog.ALL));
        }
    }

    private int print(List<TopicState> states) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-32s %-8s %4s %4s %6s %-8s %s%n", "TOPIC", "STATUS", "PART", "REPL", "MINISR", "CLEANUP", "DRIFT");
        boolean healthy = true;
        for (TopicState s : states) {
            out.printf("%-32s %-8s %4d %4d %6d %-8s %s%n", s.spec().name(), s.status(), s.partitions(), s.replicas(), s.minInSyncReplicas(),
                    s.cleanupPolicy() == null ? "-" : s.cleanupPolicy(), String.join("; ", s.drift()));
            healthy &= s.status() == TopicState.Status.OK || s.status() == TopicState.Status.CREATED;
        }
        return healthy ? Main.OK : Main.FAILED;
    }

    private static Admin admin(DeploymentOptions kafka) {
        Map<String, Object> configs = kafka.clientConfigs();
        configs.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        configs.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(configs);
    }
}
