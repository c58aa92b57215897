package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.faults.FaultLimit;
import io.oauthgov.simulator.faults.FaultTarget;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.oauthgov.cli.dev.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectCommandIT {

    @Test
    void collectOnceFromAConfigFilePublishesAVerifiedSnapshotAndPrintsAProgressLine(@TempDir Path dir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(25).seed(21)
                     .identityRateLimit(6000).start()) {
            String orgId = simulator.orgIds().get(0);
            ApiIdentity identity = simulator.identity(orgId, IdentityRole.COLLECTOR);
            Path credentials = OwnerOnlyFile.write(dir.resolve("collector.properties"),
                    "clientId=" + identity.clientId() + "\nclientSecret=" + identity.secret() + "\n");
            Path config = Files.writeString(dir.resolve("orgs.yaml"), """
                    orgs:
                      - orgId: %s
                        baseUrl: %s
                        credentialsFile: %s
                        requestsPerMinute: 6000
                    """.formatted(orgId, simulator.baseUrl(), credentials));

            CliRun run = CliRun.of("collect", "--once", "--config", config.toString(),
                    "--bootstrap-servers", environment.bootstrapServers(), "--schema-registry-url", environment.schemaRegistryUrl());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("org " + orgId).contains("snapshot verified");
            assertThat(run.out() + run.err()).doesNotContain(identity.secret());
            assertThat(TopicTableReader.readAll(environment.topics().clients(), environment.clientConfigs(), Duration.ofSeconds(30)))
                    .hasSize(simulator.organization(orgId).listClients(java.time.Instant.now()).size());
        }
    }

    @Test
    void theFilesTheSimulatorCommandWritesDriveCollectAndKeepCredentialsOwnerOnly(@TempDir Path dir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(2).clientsPerOrg(10).seed(22).identityRateLimit(6000).start()) {
            Path config = StackFiles.write(simulator, dir, environment.bootstrapServers(), environment.schemaRegistryUrl(),
                    simulator.baseUrl(), 6000, "collector:\n  auditSettle: 0s\n");

            CliRun run = CliRun.of("collect", "--config", config.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            simulator.orgIds().forEach(orgId -> assertThat(run.out()).contains("org " + orgId));
            try (var credentials = Files.list(dir.resolve("credentials"))) {
                assertThat(credentials.toList()).as("a collector and an executor identity per org").hasSize(4).allSatisfy(file ->
                        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
            }
            String yaml = Files.readString(config);
            assertThat(yaml).contains("orgId: " + simulator.orgIds().get(0)).contains("executor:");
            simulator.allIdentities().forEach(identity -> assertThat(yaml).doesNotContain(identity.secret()));
        }
    }

    @Test
    void anOrgWhoseCallsKeepFailingIsGivenUpOnAfterGiveUpAfterWhileTheOtherOrgIsCollected(@TempDir Path dir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(2).clientsPerOrg(10).seed(23).identityRateLimit(6000).start()) {
            Path config = StackFiles.write(simulator, dir, environment.bootstrapServers(), environment.schemaRegistryUrl(),
                    simulator.baseUrl(), 6000, "collector:\n  auditSettle: 0s\n");
            String down = simulator.orgIds().get(0);
            String up = simulator.orgIds().get(1);
            simulator.faults().serverErrors(FaultTarget.identity(simulator.identity(down, IdentityRole.COLLECTOR).clientId()),
                    FaultLimit.untilCleared(), 503);

            CliRun run = CliRun.of("collect", "--config", config.toString(), "--give-up-after", "3s");

            assertThat(run.exitCode()).as("a run that gave up on an org failed").isEqualTo(Main.FAILED);
            String downLine = run.out().lines().filter(l -> l.startsWith("org " + down)).findFirst().orElseThrow();
            String upLine = run.out().lines().filter(l -> l.startsWith("org " + up)).findFirst().orElseThrow();
            assertThat(downLine).contains("snapshot NOT verified").contains("GAVE UP on this org").contains("(the limit is 3 s)");
            assertThat(upLine).contains("snapshot verified").doesNotContain("GAVE UP");
        }
    }

    @Test
    void unknownConfigKeyIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("orgs.yaml"), "orgs:\n  - orgId: o1\n    region: us-east-1\n    secret: nope\n");

        CliRun run = CliRun.of("collect", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("line 4: orgs[0].secret: unknown key").contains("hint:");
    }

    @Test
    void badScheduleIsAUsageError() {
        CliRun run = CliRun.of("collect", "--every", "soon");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--every").contains("15m");
    }
}
