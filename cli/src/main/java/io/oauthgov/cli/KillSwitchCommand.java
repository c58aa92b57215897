package io.oauthgov.cli;

import io.oauthgov.avro.ControlAction;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.executor.control.KillSwitch;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oauthgov kill-switch on|off}: stop (or allow again) every change the executors make. */
@Command(name = "kill-switch", mixinStandardHelpOptions = true,
        header = "Stop (or allow again) every change the executors make.",
        description = {"Engage or release the kill switch on the control topic. While it is on, no executor deactivates,",
                "deletes or restores a client in that org (or any org, with --org '*'); running executors stop within a",
                "second and resume where they were when it is released. Without Kafka, create the executors'",
                "--kill-switch-file instead."})
public final class KillSwitchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Parameters(index = "0", paramLabel = "on|off", description = "on: stop all changes; off: allow them again.")
    String state;

    @Option(names = "--org", defaultValue = KillSwitch.ALL_ORGS, description = "Organization id, or '*' for all (default: all).")
    String org;

    @Option(names = "--reason", required = true, description = "Why: shown in every executor's log.")
    String reason;

    @Option(names = "--issued-by", required = true, description = "Who: an email or on-call handle.")
    String issuedBy;

    @Override
    public Integer call() throws Exception {
        ControlAction action = switch (state.toLowerCase()) {
            case "on" -> ControlAction.KILL_SWITCH_ON;
            case "off" -> ControlAction.KILL_SWITCH_OFF;
            default -> throw new UserError("kill-switch takes 'on' or 'off', got '" + state + "'", "oauthgov kill-switch on --reason ... --issued-by ...");
        };
        if (org.isBlank()) {
            throw new UserError("--org must be an organization id or '*' (every org), got an empty value; nothing was published",
                    "oauthgov kill-switch " + state + " --org '*' --reason ... --issued-by ...");
        }
        ControlCommand command = ControlCommand.newBuilder().setCommand(action).setOrgId(org).setReason(reason)
                .setIssuedBy(issuedBy).setIssuedAt(Instant.now()).build();
        ControlCommandPublisher.publish(kafka.topics().control(), kafka.clientConfigs(), command);
        spec.commandLine().getOut().printf("kill switch %s for %s%n", action == ControlAction.KILL_SWITCH_ON ? "ENGAGED" : "released",
                org.equals(KillSwitch.ALL_ORGS) ? "every org" : "org " + org);
        return Main.OK;
    }
}
