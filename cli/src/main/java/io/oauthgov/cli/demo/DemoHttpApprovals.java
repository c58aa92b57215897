package io.oauthgov.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oauthgov.avro.Approval;
import io.oauthgov.cli.approvals.ApprovalPublisher;
import io.oauthgov.cli.approvals.http.ApprovalsServer;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.schemas.signature.BodySignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The demo's approval system answers over HTTP, as ServiceNow or Jira would: every APPROVE and REJECT is a signed
 * {@code POST /approvals} to an in-process {@code oauthgov approvals serve}, which checks it against the open
 * candidates and publishes the signed approval. One more request, signed with the wrong key, must get 401 and never
 * reach Kafka. The expired and the forged approval are written straight to the topic, as someone with write access
 * to Kafka could: the gate must refuse what bypasses the endpoint.
 */
final class DemoHttpApprovals {
    /** What happened to the demo's decisions. @param statuses HTTP status per request, e.g. 202 → 250, 401 → 1 */
    record Result(URI endpoint, Map<Integer, Long> statuses, int direct) {}

    private DemoHttpApprovals() {}

    static Result submit(EmbeddedEnvironment environment, DemoApprovalSystem.Decisions decisions, byte[] signingKey) throws Exception {
        byte[] requestKey = new byte[32];
        new SecureRandom().nextBytes(requestKey);
        List<Approval> direct = new ArrayList<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        try (ApprovalsServer server = ApprovalsServer.start(new ApprovalsServer.Config(environment.topics(), environment.clientConfigs(),
                "127.0.0.1", 0, Optional.of(requestKey), Optional.empty(), Optional.of(signingKey), "demo approval system (HTTP)",
                Clock.systemUTC()), Duration.ofMinutes(1))) {
            HttpClient http = HttpClient.newHttpClient();
            Semaphore inFlight = new Semaphore(4);
            List<CompletableFuture<Integer>> requests = new ArrayList<>();
            for (Approval approval : decisions.approvals()) {
                String intent = decisions.intentByApprovalId().get(approval.getApprovalId());
                if (intent.equals(DemoApprovalSystem.EXPIRED) || intent.equals(DemoApprovalSystem.FORGED)) {
                    direct.add(approval);
                    continue;
                }
                inFlight.acquire();
                requests.add(http.sendAsync(request(server.url(), json(approval), requestKey), HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode).whenComplete((status, error) -> inFlight.release()));
            }
            if (!decisions.approvals().isEmpty()) {
                byte[] wrongKey = "not-the-approval-systems-key-0123".getBytes(StandardCharsets.UTF_8);
                requests.add(http.sendAsync(request(server.url(), json(decisions.approvals().get(0)), wrongKey),
                        HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
            }
            for (CompletableFuture<Integer> request : requests) {
                statuses.merge(request.get(), 1L, Long::sum);
            }
            ApprovalPublisher.publish(environment.topics().approvals(), environment.clientConfigs(), direct);
            return new Result(server.url(), statuses, direct.size());
        }
    }

    private static String json(Approval approval) throws Exception {
        return new ObjectMapper().writeValueAsString(Map.of("candidateId", approval.getCandidateId(),
                "fingerprint", approval.getFingerprint(), "decision", approval.getDecision().name(), "approver", approval.getApprover(),
                "ticket", approval.getTicketRef(), "expiresAt", approval.getExpiresAt().toString()));
    }

    private static HttpRequest request(URI endpoint, String body, byte[] key) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        return HttpRequest.newBuilder(endpoint.resolve("/approvals")).header("Content-Type", "application/json")
                .header(BodySignature.TIMESTAMP_HEADER, BodySignature.timestamp(now))
                .header(BodySignature.SIGNATURE_HEADER, BodySignature.sign(key, now, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }
}
