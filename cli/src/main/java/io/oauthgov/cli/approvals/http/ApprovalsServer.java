package io.oauthgov.cli.approvals.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.Stage;
import io.oauthgov.cli.approvals.ApprovalPublisher;
import io.oauthgov.cli.approvals.ApprovalRequests;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.schemas.rejection.RejectionFactory;
import io.oauthgov.schemas.signature.BodySignature;
import io.oauthgov.schemas.topics.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code oauthgov approvals serve}: approval systems (ServiceNow, Jira, a chat bot) answer over HTTP instead of
 * producing signed Avro to Kafka.
 * <ul>
 *   <li>{@code POST /approvals}: one decision (see {@link ApprovalRequestJson}), authenticated by a body signature or a
 *       bearer token. An unauthenticated request gets 401 and nothing reaches Kafka. An authentic one naming no open
 *       candidate (404 UNKNOWN_CANDIDATE), a changed one (409 STALE_FINGERPRINT) or a malformed one (400 MALFORMED) is
 *       also written to {@code governance.rejected}; a valid one is published as the signed {@link Approval} the gate
 *       checks (202: the gate still decides, its refusals land in {@code governance.rejected} too).</li>
 *   <li>{@code GET /candidates?org=ORG}: the open candidates with the id and fingerprint an approval must quote (same
 *       credentials; a signature signs the empty body).</li>
 *   <li>{@code GET /health}: 200 once the candidates are read.</li>
 * </ul>
 */
public final class ApprovalsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    /**
     * @param signingKey the approval HMAC key the gate verifies with; empty publishes unsigned approvals
     * @param source the approvals' {@code source} field
     */
    public record Config(Topics topics, Map<String, Object> clientConfigs, String bind, int port, Optional<byte[]> requestKey,
                         Optional<String> bearerToken, Optional<byte[]> signingKey, String source, Clock clock) {}

    private final Config config;
    private final RequestAuthenticator auth;
    private final LiveCandidates candidates;
    /** One producer for the approvals and the refusals it publishes (idempotent, acks=all). */
    private final KafkaProducer<byte[], byte[]> producer;
    private final HttpServer server;

    private ApprovalsServer(Config config) throws IOException {
        this.config = config;
        this.auth = new RequestAuthenticator(config.requestKey(), config.bearerToken(), config.clock());
        this.candidates = new LiveCandidates(config.topics().candidates(), config.clientConfigs());
        Map<String, Object> producerConfigs = TransactionalPublisher.safeProducerConfigs(config.clientConfigs());
        // Each request answers only once its record is acknowledged: lingering (5 ms by default) would delay every
        // answer and batch nothing but the few requests in flight at once.
        producerConfigs.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(producerConfigs, new ByteArraySerializer(), new ByteArraySerializer());
        this.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 0);
        server.createContext("/approvals", this::approvals);
        server.createContext("/candidates", this::list);
        server.createContext("/health", exchange -> respond(exchange, 200, JSON.createObjectNode().put("status", "UP")));
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "oauthgov-approvals-http");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Starts listening; returns once the open candidates are read (or the timeout passed). */
    public static ApprovalsServer start(Config config, Duration readTimeout) throws IOException, InterruptedException {
        ApprovalsServer approvals = new ApprovalsServer(config);
        if (!approvals.candidates.awaitCaughtUp(readTimeout)) {
            approvals.close();
            throw new IllegalStateException("could not read " + config.topics().candidates().name() + " within " + readTimeout);
        }
        approvals.server.start();
        return approvals;
    }

    public URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    private void approvals(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, error("METHOD_NOT_ALLOWED", "POST a JSON approval to /approvals"));
            return;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        Instant now = config.clock().instant();
        Optional<String> unauthentic = auth.problem(exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst(BodySignature.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(BodySignature.SIGNATURE_HEADER), body);
        if (unauthentic.isPresent()) {
            // Nothing of an unauthenticated request reaches Kafka, not even a rejection: anyone could flood the topic.
            LOG.warn("refused an unauthenticated approval request from {}: {}", exchange.getRemoteAddress().getAddress(), unauthentic.get());
            respond(exchange, 401, error(RejectionReason.BAD_SIGNATURE.name(), unauthentic.get()));
            return;
        }
        if (body.length > MAX_BODY) {
            refuse(exchange, 413, null, RejectionReason.MALFORMED, "the body is larger than " + MAX_BODY + " bytes", null, now);
            return;
        }
        ApprovalRequestJson request;
        try {
            request = ApprovalRequestJson.parse(body, now);
        } catch (ApprovalRequestJson.Malformed e) {
            refuse(exchange, 400, null, RejectionReason.MALFORMED, e.getMessage(), null, now);
            return;
        }
        Optional<DeletionCandidate> named = candidates.byCandidateId(request.candidateId());
        if (named.isEmpty()) {
            Optional<DeletionCandidate> newer = clientOf(request.candidateId());
            if (newer.isPresent()) {
                refuse(exchange, 409, newer.get(), RejectionReason.STALE_FINGERPRINT, "candidate " + request.candidateId()
                        + " was replaced by " + newer.get().getCandidateId() + " (the client or its evidence changed); read"
                        + " GET /candidates again and decide on the new one", request, now);
            } else {
                refuse(exchange, 404, null, RejectionReason.UNKNOWN_CANDIDATE, "no open candidate " + request.candidateId()
                        + " (never proposed, withdrawn or snoozed); GET /candidates lists the open ones", request, now);
            }
            return;
        }
        DeletionCandidate candidate = named.get();
        if (!candidate.getFingerprint().equals(request.fingerprint())) {
            refuse(exchange, 409, candidate, RejectionReason.STALE_FINGERPRINT, "candidate " + candidate.getCandidateId()
                    + " has fingerprint " + candidate.getFingerprint() + ", the request quotes " + request.fingerprint(), request, now);
            return;
        }
        Approval approval;
        try {
            ApprovalRequests.Terms terms = new ApprovalRequests.Terms(request.decision(), request.approver(), request.ticket(),
                    request.validity(now), config.source());
            approval = ApprovalRequests.create(candidate, terms, now, config.signingKey());
            ApprovalPublisher.send(producer, config.topics().approvals(), approval);
        } catch (IllegalStateException e) {
            respond(exchange, 503, error("UNAVAILABLE", "the approval could not be published; send it again"));
            return;
        }
        LOG.info("{} of {} by {} (ticket {}) published as approval {}", request.decision(), candidate.getCandidateId(),
                request.approver(), request.ticket(), approval.getApprovalId());
        respond(exchange, 202, JSON.createObjectNode().put("status", "PUBLISHED").put("approvalId", approval.getApprovalId())
                .put("candidateId", candidate.getCandidateId()).put("decision", request.decision().name())
                .put("expiresAt", approval.getExpiresAt().toString())
                .put("note", "the approval gate decides; a refusal (e.g. NOTICE_PENDING, UNAUTHORIZED_APPROVER) is written to "
                        + config.topics().rejected().name()));
    }

    /** A live candidate of the same client under another id: the request quotes a candidate that was re-proposed. */
    private Optional<DeletionCandidate> clientOf(String candidateId) {
        String[] parts = candidateId.split("/");
        return parts.length == 3 ? candidates.ofClient(parts[0], parts[1]) : Optional.empty();
    }

    private void refuse(HttpExchange exchange, int status, DeletionCandidate candidate, RejectionReason reason, String detail,
                        ApprovalRequestJson request, Instant now) throws IOException {
        ClientKey key = candidate == null ? null : new ClientKey(candidate.getOrgId(), candidate.getClientId());
        Rejection rejection = RejectionFactory.refused(Stage.CLI, reason, "approvals endpoint: " + detail
                        + (request == null ? "" : " (approver " + request.approver() + ", ticket " + request.ticket() + ")"), now,
                RejectionFactory.Source.NONE, null, request == null ? null : request.candidateId());
        try {
            producer.send(config.topics().rejected().record(key, rejection)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error("could not record the refusal in {}: {}", config.topics().rejected().name(), e.getCause().getMessage());
        }
        respond(exchange, status, error(reason.name(), detail));
    }

    private void list(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            respond(exchange, 405, error("METHOD_NOT_ALLOWED", "GET /candidates?org=ORG"));
            return;
        }
        // Client ids, names and fingerprints are for approval systems only: the same credentials as for a decision.
        Optional<String> unauthentic = auth.problem(exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst(BodySignature.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(BodySignature.SIGNATURE_HEADER), new byte[0]);
        if (unauthentic.isPresent()) {
            respond(exchange, 401, error(RejectionReason.BAD_SIGNATURE.name(), unauthentic.get()));
            return;
        }
        String org = query(exchange.getRequestURI(), "org");
        ArrayNode list = JSON.createArrayNode();
        candidates.all().stream().filter(c -> org == null || c.getOrgId().equals(org))
                .sorted(Comparator.comparing(DeletionCandidate::getOrgId).thenComparing(DeletionCandidate::getEligibleAt)
                        .thenComparing(DeletionCandidate::getClientId))
                .forEach(c -> {
                    ObjectNode node = list.addObject();
                    node.put("candidateId", c.getCandidateId()).put("fingerprint", c.getFingerprint()).put("orgId", c.getOrgId())
                            .put("clientId", c.getClientId()).put("clientName", c.getClientName())
                            .put("eligibleAt", c.getEligibleAt().toString())
                            .put("lastUsedAt", c.getLastUsedAt() == null ? null : c.getLastUsedAt().toString());
                    ArrayNode reasons = node.putArray("reasons");
                    c.getReasons().stream().map(Finding::getRuleId).distinct().forEach(reasons::add);
                });
        respond(exchange, 200, JSON.createObjectNode().set("candidates", list));
    }

    private static String query(URI uri, String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static ObjectNode error(String reason, String detail) {
        return JSON.createObjectNode().put("error", reason).put("detail", detail);
    }

    private static void respond(HttpExchange exchange, int status, com.fasterxml.jackson.databind.JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        candidates.close();
        producer.close();
    }
}
