package io.oauthgov.cli;

import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.metrics.StageTelemetry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of every long-running stage's metrics and health endpoint: off unless {@code --metrics-port} is given,
 * on loopback unless {@code --metrics-bind} says otherwise (it has no authentication).
 */
public final class MetricsOptions {
    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = {"Serve /metrics (Prometheus), /health/live and /health/ready on this port (0: any free port;",
                    "default: no endpoint)."})
    Integer port;

    @Option(names = "--metrics-bind", paramLabel = "ADDRESS",
            description = "Address the metrics endpoint listens on, e.g. 0.0.0.0 in a container (metrics.bind; default: 127.0.0.1).")
    String bind;

    /** Starts the endpoint when {@code --metrics-port} was given and says where; otherwise one that records nowhere. */
    MetricsEndpoint start(String stage, PrintWriter out) {
        return start(stage, out, Optional.empty(), DeploymentConfig.Metrics.DEFAULT.bind());
    }

    /**
     * As {@link #start(String, PrintWriter)}, with the deployment file's {@code <stage>.metricsPort} and
     * {@code metrics.bind} where the flags are not given.
     */
    MetricsEndpoint start(String stage, PrintWriter out, Optional<Integer> configuredPort, String configuredBind) {
        Integer port = this.port != null ? this.port : configuredPort.orElse(null);
        String bind = this.bind != null ? this.bind : configuredBind;
        if (port == null) {
            return MetricsEndpoint.off();
        }
        if (port < 0 || port > 65_535) {
            throw new UserError("--metrics-port must be 0..65535, got " + port, "e.g. --metrics-port 9402, or 0 for any free port");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UserError("--metrics-bind " + bind + " is not an address of this host", "use 127.0.0.1 (the default) or 0.0.0.0");
        }
        StageTelemetry telemetry;
        try {
            telemetry = StageTelemetry.start(stage, new InetSocketAddress(address, port));
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage(), "pick another --metrics-port, or stop what listens there");
        }
        out.printf("%s metrics on %s/metrics (health: /health/live, /health/ready)%n", stage, telemetry.url());
        out.flush();
        return MetricsEndpoint.on(telemetry);
    }
}
