package io.oauthgov.cli;

import io.oauthgov.cli.approvals.http.ApprovalsServer;
import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.cli.notify.Secret;
import io.oauthgov.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov approvals serve}: the HTTP front door for approval systems. */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "Let approval systems (ServiceNow, Jira, chat bots) decide over HTTP.")
public final class ApprovalsCommand {
    static final String REQUEST_KEY_ENV = "OAUTHGOV_APPROVALS_REQUEST_KEY";
    static final String TOKEN_ENV = "OAUTHGOV_APPROVALS_TOKEN";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"POST /approvals (JSON: candidateId, fingerprint, decision APPROVE|REJECT, approver, ticket, expiresAt),",
                    "authenticated by an HMAC-SHA256 body signature (X-Oauthgov-Timestamp, X-Oauthgov-Signature: sha256=...) or a",
                    "bearer token; checked against the open candidates and published as the signed approval the gate checks",
                    "(with the deployment's approval key). GET /candidates?org=ORG lists open candidates with their fingerprints.",
                    "Refusals answer 4xx with a machine-readable reason and are written to governance.rejected; a request that",
                    "is not authentic gets 401 and nothing reaches Kafka. Secrets from owner-only files or " + REQUEST_KEY_ENV
                            + " / " + TOKEN_ENV + "."})
    int serve(@Mixin DeploymentOptions kafka,
              @Option(names = "--port", paramLabel = "PORT",
                      description = "Port to listen on, 0 for any free one (approvals.serve.port; default 8443).") Integer portOption,
              @Option(names = "--bind", paramLabel = "ADDRESS",
                      description = "Address to listen on (approvals.serve.bind; default 127.0.0.1; 0.0.0.0 for every interface, behind a TLS proxy).") String bindOption,
              @Option(names = "--request-key-file", paramLabel = "FILE",
                      description = "Owner-only file with the HMAC key approval systems sign their requests with (approvals.serve.requestKeyFile).") Path requestKeyFile,
              @Option(names = "--token-file", paramLabel = "FILE",
                      description = "Owner-only file with the bearer token approval systems send (approvals.serve.tokenFile).") Path tokenFile,
              @Option(names = "--source", defaultValue = "oauthgov approvals serve", description = "The approvals' source field (default: ${DEFAULT-VALUE}).") String source)
            throws Exception {
        Deployment deployment = kafka.deployment();
        DeploymentConfig.Endpoint endpoint = deployment.config().approvals().serve();
        int port = portOption != null ? portOption : endpoint.port();
        String bind = bindOption != null ? bindOption : endpoint.bind();
        Map<String, String> env = System.getenv();
        Optional<byte[]> requestKey = Secret.key(requestKeyFile != null ? requestKeyFile : endpoint.requestKeyFile().orElse(null),
                REQUEST_KEY_ENV, env, "approvals request key file");
        Optional<String> token = Secret.key(tokenFile != null ? tokenFile : endpoint.tokenFile().orElse(null), TOKEN_ENV, env,
                "approvals token file").map(t -> new String(t, StandardCharsets.UTF_8));
        if (requestKey.isEmpty() && token.isEmpty()) {
            throw new UserError("the approvals endpoint needs a way to authenticate requests",
                    "give --request-key-file (HMAC body signatures) and/or --token-file (bearer token), approvals.serve in "
                            + deployment.config().source() + ", or " + REQUEST_KEY_ENV + " / " + TOKEN_ENV);
        }
        if (port < 0 || port > 65_535) {
            throw new UserError("--port " + port + " is not a port", "e.g. --port 8443");
        }
        Optional<byte[]> signingKey = deployment.approvalKey();
        Topics topics = kafka.topics();
        StagePreflight.check(kafka.clientConfigs(), deployment.serdeConfigs(), 0, topics.candidates(),
                topics.approvals(), topics.rejected());
        PrintWriter out = spec.commandLine().getOut();
        try (ApprovalsServer server = ApprovalsServer.start(new ApprovalsServer.Config(topics, kafka.clientConfigs(), bind, port,
                requestKey, token, signingKey, source, Clock.systemUTC()), Duration.ofMinutes(1))) {
            out.printf("approvals endpoint on %s: POST /approvals, GET /candidates; requests need %s; approvals %s; Ctrl-C to stop%n",
                    server.url(), requestKey.isPresent() && token.isPresent() ? "a body signature or the bearer token"
                            : requestKey.isPresent() ? "a body signature" : "the bearer token",
                    signingKey.isPresent() ? "signed with the approval key (" + deployment.approvalKeySource() + ")"
                            : "UNSIGNED (no approval key: an analyzer that has one refuses them)");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "oauthgov-approvals-shutdown"));
            stopped.await();
        }
        return Main.OK;
    }
}
