package io.oauthgov.schemas.topics;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which principal writes and which reads each catalog topic. Kafka is a transport, not a trust boundary: the
 * executor verifies approvals itself, but a production cluster should still let only these principals write, so a
 * stray or hostile client cannot forge approvals, erase protections or move the kill switch. {@code oauthgov topics
 * acls} prints the matching {@code kafka-acls} commands. Every topic has exactly one writer except
 * {@code governance.rejected} (every stage routes what it refuses there) and {@code governance.risk} and its OCSF
 * mirror {@code governance.risk.ocsf} (the executor reports restores to the SIEM as risk events).
 */
public final class TopicAccess {
    /** A role; each runs as its own Kafka principal. */
    public enum Role {
        /** {@code oauthgov collect}: snapshots, roles and divisions, activity evidence, its checkpoints and shared orgs. */
        COLLECTOR,
        /** {@code oauthgov registry import}: the integration registry (entries, explicit removals, import markers). */
        REGISTRY,
        /** {@code oauthgov analyze}: risk, candidates, the gate's output. */
        ANALYZER,
        /** Approval systems and {@code oauthgov approve}: signed decisions. */
        APPROVER,
        /** {@code oauthgov notify}: the notices it sent (owners are told before any approval may pass). */
        NOTIFIER,
        /** {@code oauthgov execute}: outcomes, quarantine entries and intents. */
        EXECUTOR,
        /** People: {@code kill-switch}, {@code restore}, {@code reconcile}, {@code replay}, {@code topics}. */
        OPERATOR,
        /** SIEM connectors: read only. */
        SIEM
    }

    /** @param writers who may produce to the topic; @param readers who may consume it */
    public record Access(Set<Role> writers, Set<Role> readers) {}

    private static final Map<String, Access> BY_TOPIC = Map.ofEntries(
            entry(TopicCatalog.CLIENTS, List.of(Role.COLLECTOR), List.of(Role.ANALYZER, Role.OPERATOR)),
            entry(TopicCatalog.SNAPSHOTS, List.of(Role.COLLECTOR), List.of(Role.ANALYZER, Role.OPERATOR)),
            entry(TopicCatalog.ACTIVITY, List.of(Role.COLLECTOR), List.of(Role.ANALYZER, Role.EXECUTOR, Role.OPERATOR)),
            entry(TopicCatalog.AUTHORIZATION, List.of(Role.COLLECTOR), List.of(Role.ANALYZER, Role.OPERATOR)),
            entry(TopicCatalog.INTEGRATIONS, List.of(Role.REGISTRY), List.of(Role.ANALYZER, Role.EXECUTOR, Role.REGISTRY, Role.NOTIFIER, Role.OPERATOR)),
            entry(TopicCatalog.RISK, List.of(Role.ANALYZER, Role.EXECUTOR), List.of(Role.SIEM, Role.OPERATOR)),
            entry(TopicCatalog.CANDIDATES, List.of(Role.ANALYZER), List.of(Role.ANALYZER, Role.APPROVER, Role.NOTIFIER, Role.OPERATOR)),
            entry(TopicCatalog.NOTICES, List.of(Role.NOTIFIER), List.of(Role.ANALYZER, Role.NOTIFIER, Role.OPERATOR)),
            entry(TopicCatalog.APPROVALS, List.of(Role.APPROVER), List.of(Role.ANALYZER, Role.OPERATOR)),
            entry(TopicCatalog.DELETIONS_APPROVED, List.of(Role.ANALYZER), List.of(Role.EXECUTOR, Role.OPERATOR)),
            entry(TopicCatalog.REJECTED, List.of(Role.COLLECTOR, Role.REGISTRY, Role.ANALYZER, Role.APPROVER, Role.NOTIFIER, Role.EXECUTOR),
                    List.of(Role.SIEM, Role.OPERATOR)),
            entry(TopicCatalog.OUTCOMES, List.of(Role.EXECUTOR), List.of(Role.EXECUTOR, Role.OPERATOR)),
            entry(TopicCatalog.QUARANTINE, List.of(Role.EXECUTOR), List.of(Role.EXECUTOR, Role.OPERATOR)),
            entry(TopicCatalog.CHECKPOINTS, List.of(Role.COLLECTOR), List.of(Role.COLLECTOR)),
            entry(TopicCatalog.COLLECTOR_ORGS, List.of(Role.COLLECTOR), List.of(Role.COLLECTOR, Role.OPERATOR)),
            entry(TopicCatalog.CONTROL, List.of(Role.OPERATOR), List.of(Role.EXECUTOR, Role.OPERATOR)),
            entry(TopicCatalog.RISK_OCSF, List.of(Role.ANALYZER, Role.EXECUTOR), List.of(Role.SIEM, Role.OPERATOR)));

    private TopicAccess() {}

    public static Access of(TopicSpec<?, ?> topic) {
        Access access = BY_TOPIC.get(topic.name());
        if (access == null) {
            throw new IllegalStateException("no access declared for topic " + topic.name());
        }
        return access;
    }

    private static Map.Entry<String, Access> entry(TopicSpec<?, ?> topic, List<Role> writers, List<Role> readers) {
        return Map.entry(topic.name(), new Access(Set.copyOf(EnumSet.copyOf(writers)), Set.copyOf(EnumSet.copyOf(readers))));
    }
}
