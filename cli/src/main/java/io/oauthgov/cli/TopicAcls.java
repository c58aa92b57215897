package io.oauthgov.cli;

import io.oauthgov.schemas.topics.TopicAccess;
import io.oauthgov.schemas.topics.TopicAccess.Role;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code kafka-acls} commands that make a cluster enforce {@link TopicAccess}: each role's principal may write
 * only the topics it owns and read only what it consumes, plus the consumer groups and transactional ids each
 * component uses. The analyzer (Kafka Streams) also gets its application id's prefix for internal topics, group and
 * transactional ids. Denied by default once an authorizer is configured, so nothing else is granted.
 */
final class TopicAcls {
    /** Consumer group and transactional ids, as the commands' defaults name them. */
    record Ids(String collectorTransactionalId, String collectorGroup, String analyzerApplicationId, String executorGroupId,
               String executorTransactionalId) {}

    private final Map<Role, String> principals;
    private final String bootstrap;
    private final String commandConfig;

    TopicAcls(Map<Role, String> overrides, String bootstrap, String commandConfig) {
        this.principals = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            principals.put(role, overrides.getOrDefault(role, "User:oauthgov-" + role.name().toLowerCase(Locale.ROOT)));
        }
        this.bootstrap = bootstrap;
        this.commandConfig = commandConfig;
    }

    List<String> lines(Ids ids) {
        List<String> lines = new ArrayList<>();
        for (TopicSpec<?, ?> topic : TopicCatalog.ALL) {
            TopicAccess.Access access = TopicAccess.of(topic);
            for (Role writer : sorted(access.writers())) {
                lines.add(add(writer, "--operation Write --operation Describe --topic " + topic.name()));
            }
            for (Role reader : sorted(access.readers())) {
                lines.add(add(reader, "--operation Read --operation Describe --topic " + topic.name()));
            }
        }
        String prefix = "--resource-pattern-type prefixed ";
        // One transactional id per org (<id>-<orgId>), so the instance that takes an org over fences the previous owner.
        lines.add(add(Role.COLLECTOR, prefix + "--operation Write --operation Describe --transactional-id "
                + ids.collectorTransactionalId() + "-"));
        lines.add(add(Role.COLLECTOR, "--operation Read --group " + ids.collectorGroup()));
        lines.add(add(Role.EXECUTOR, "--operation Read --group " + ids.executorGroupId()));
        lines.add(add(Role.EXECUTOR, "--operation Write --operation Describe --transactional-id " + ids.executorTransactionalId()));
        lines.add(add(Role.NOTIFIER, "--operation Write --operation Describe --transactional-id "
                + io.oauthgov.notifier.NotifierApp.Config.DEFAULT_TRANSACTIONAL_ID));
        lines.add(add(Role.ANALYZER, prefix + "--operation All --topic " + ids.analyzerApplicationId()));
        lines.add(add(Role.ANALYZER, prefix + "--operation Read --group " + ids.analyzerApplicationId()));
        lines.add(add(Role.ANALYZER, prefix + "--operation Write --operation Describe --transactional-id " + ids.analyzerApplicationId()));
        return lines;
    }

    private String add(Role role, String what) {
        return "kafka-acls.sh --bootstrap-server " + bootstrap + (commandConfig == null ? "" : " --command-config " + commandConfig)
                + " --add --allow-principal " + principals.get(role) + " " + what;
    }

    private static List<Role> sorted(java.util.Set<Role> roles) {
        return roles.stream().sorted().toList();
    }
}
