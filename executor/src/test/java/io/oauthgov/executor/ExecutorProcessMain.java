package io.oauthgov.executor;

import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.schemas.registry.RestSchemaRegistryClient;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An executor in a JVM of its own, so a test can kill it the hard way (SIGKILL, no shutdown hooks, no graceful
 * close). Arguments: bootstrap servers, schema registry URL, Genesys base URL, org id, identity client id,
 * calls per 10 s, quarantine in ms, consumer group / transactional id, and optionally an instance name: several
 * instances share the group (and the identity), each with the transactional id {@code <group>-<instance>} and the
 * instance name as its Kafka client id, so a test can tell the group's members apart. The secret comes from the
 * environment.
 */
public final class ExecutorProcessMain {
    public static void main(String[] args) throws Exception {
        // a killed member holds its partitions until its session times out: keep that short so the test is quick
        Map<String, Object> kafka = new java.util.HashMap<>(Map.of("bootstrap.servers", args[0], "session.timeout.ms", 6_000,
                "heartbeat.interval.ms", 1_000));
        String transactionalId = args[7];
        if (args.length > 8) {
            kafka.put("client.id", args[8]);
            transactionalId = args[7] + "-" + args[8];
        }
        Topics topics = Topics.bind(SerdeFactory.avro(new RestSchemaRegistryClient(args[1])));
        GenesysClient api = GenesysClient.connect(args[3], Endpoints.local(args[2]),
                new ClientCredentials(args[4], System.getenv("OAUTHGOV_IT_EXECUTOR_SECRET")),
                GovernanceConfig.defaults().withRequestsPerWindow(Integer.parseInt(args[5])).withWindow(Duration.ofSeconds(10)));
        ExecutorSettings settings = ExecutorSettings.defaults().withExecute(true)
                .withQuarantine(Duration.ofMillis(Long.parseLong(args[6]))).withGroupId(args[7]).withTransactionalId(transactionalId)
                .withTrust(ExecutorFixture.TRUST).withLimits(ExecutorFixture.NO_LIMITS);
        new GovernanceExecutor(topics, kafka, ApiIdentities.of(List.of(api)), settings, Clock.systemUTC()).run();
    }
}
