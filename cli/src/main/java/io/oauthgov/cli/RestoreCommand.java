package io.oauthgov.cli;

import io.oauthgov.avro.ControlAction;
import io.oauthgov.avro.ControlCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov restore}: take a client out of quarantine and set it active again. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        header = "Set a quarantined client active again.",
        description = {"Ask the executor to restore a quarantined (deactivated) client: it is set active again, its",
                "approval ends RESTORED and a risk event records why. Applies to the client's current quarantine only."})
public final class RestoreCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Option(names = "--org", required = true, description = "Organization id.")
    String org;

    @Option(names = "--client", required = true, description = "OAuth client id.")
    String clientId;

    @Option(names = "--reason", required = true, description = "Why, e.g. the owner's ticket.")
    String reason;

    @Option(names = "--issued-by", required = true, description = "Who asks.")
    String issuedBy;

    @Override
    public Integer call() throws Exception {
        if (org.isBlank() || clientId.isBlank()) {
            throw new UserError("restore needs a non-empty --org and --client", "oauthgov restore --org ORG --client ID --reason ... --issued-by ...");
        }
        ClusterTopics.require(kafka.clientConfigs(), Duration.ofSeconds(30), kafka.topics().control(), kafka.topics().clients(),
                kafka.topics().quarantine());
        if (!KnownClients.known(kafka.topics(), kafka.clientConfigs(), org, clientId, Duration.ofSeconds(60))) {
            throw new UserError("client " + clientId + " of org " + org + " is unknown to oauthgov: no snapshot of it in "
                    + kafka.topics().clients().name() + " and no quarantine in " + kafka.topics().quarantine().name() + "; nothing was published",
                    "check --org and --client (oauthgov reconcile lists what the executor did); a deleted client cannot be restored");
        }
        ControlCommand command = ControlCommand.newBuilder().setCommand(ControlAction.RESTORE).setOrgId(org).setClientId(clientId)
                .setReason(reason).setIssuedBy(issuedBy).setIssuedAt(Instant.now()).build();
        ControlCommandPublisher.publish(kafka.topics().control(), kafka.clientConfigs(), command);
        spec.commandLine().getOut().printf("restore of %s in org %s requested; the executor restores it as soon as its identity is free, if it is in quarantine%n",
                clientId, org);
        return Main.OK;
    }
}
