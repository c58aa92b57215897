package io.oauthgov.simulator.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.oauthgov.simulator.Metrics;
import io.oauthgov.simulator.RequestLog;
import io.oauthgov.simulator.faults.FaultDecision;
import io.oauthgov.simulator.faults.FaultPlan;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.Organization;
import io.oauthgov.simulator.model.Tenants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request, in the order the real platform would decide: authenticate the bearer token (401), apply
 * scripted faults, admit through the rate limiter (429), route (404), check the permission (403), run the
 * handler. Every response carries {@code ININ-Correlation-Id} and the {@code inin-ratelimit-*} headers; every
 * request is logged and counted, and authenticated calls are recorded as usage of the calling client.
 */
public final class Dispatcher implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final String API_PREFIX = "/api/v2/";

    private final Clock clock;
    private final Tenants tenants;
    private final TokenStore tokens;
    private final RateLimiter limiter;
    private final FaultPlan faults;
    private final TokenEndpoint tokenEndpoint;
    private final List<Route> routes;
    private final RequestLog requestLog;
    private final Metrics metrics;

    /** What happened to one request, for the response, the log and the metrics. */
    private record Outcome(ApiResponse response, Caller caller, String template, RateLimiter.Decision rate,
            boolean reset) {
    }

    public Dispatcher(Clock clock, Tenants tenants, TokenStore tokens, RateLimiter limiter, FaultPlan faults,
            TokenEndpoint tokenEndpoint, List<Route> routes, RequestLog requestLog, Metrics metrics) {
        this.clock = clock;
        this.tenants = tenants;
        this.tokens = tokens;
        this.limiter = limiter;
        this.faults = faults;
        this.tokenEndpoint = tokenEndpoint;
        this.routes = List.copyOf(routes);
        this.requestLog = requestLog;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String correlationId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        Outcome decided;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            decided = decide(exchange, method, path, query, body, now, correlationId);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Simulator failed on {} {} (correlation {})", method, path, correlationId, e);
            decided = new Outcome(ErrorBodies.error(500, "internal.server.error", "Simulator error: "
                    + e.getClass().getSimpleName(), correlationId), null, null, null, false);
        }
        Outcome outcome = decided;
        String identity = outcome.caller() == null ? null : outcome.caller().clientId();
        String orgId = outcome.caller() == null ? null : outcome.caller().orgId();
        int status = outcome.reset() ? RequestLog.CONNECTION_RESET : outcome.response().status();
        requestLog.add(new RequestLog.Entry(now, method, path, query, orgId, identity, status, correlationId));
        metrics.record(identity, status);
        if (outcome.caller() != null && outcome.template() != null) {
            tenants.organization(orgId).ifPresent(org -> org.recordCall(identity, now, outcome.template(), method,
                    status));
        }
        if (outcome.reset()) {
            exchange.close(); // no status line at all: the client sees the connection drop
            return;
        }
        send(exchange, outcome, correlationId);
    }

    private Outcome decide(HttpExchange exchange, String method, String path, String rawQuery, byte[] body,
            Instant now, String correlationId) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        if (TokenEndpoint.PATH.equals(path)) {
            return new Outcome(tokenEndpoint.handle(method, headers.getFirst("Authorization"), body, now,
                    correlationId), null, null, null, false);
        }
        if (!path.startsWith(API_PREFIX)) {
            return new Outcome(ErrorBodies.notFound("No resource at " + path, correlationId), null, null, null,
                    false);
        }
        Optional<Caller> resolved = tokens.resolve(bearer(headers.getFirst("Authorization")), now);
        if (resolved.isEmpty()) {
            return new Outcome(ErrorBodies.unauthenticated(correlationId), null, null, null, false);
        }
        Caller caller = resolved.get();
        Optional<Organization> org = tenants.organization(caller.orgId());
        if (org.isEmpty()) {
            return new Outcome(ErrorBodies.unauthenticated(correlationId), null, null, null, false);
        }
        Route route = null;
        Map<String, String> params = Map.of();
        for (Route candidate : routes) {
            Optional<Map<String, String>> match = candidate.method().equals(method) ? candidate.match(path)
                    : Optional.empty();
            if (match.isPresent()) {
                route = candidate;
                params = match.get();
                break;
            }
        }
        String template = route == null ? path.substring(1) : route.templateUri();

        FaultDecision fault = faults.decide(caller.clientId());
        pause(fault);
        if (fault.resetConnection()) {
            return new Outcome(null, caller, template, null, true);
        }
        if (fault.throttle()) {
            return new Outcome(ErrorBodies.tooManyRequests(fault.throttleRetryAfterSeconds(), correlationId), caller,
                    template, exhausted(caller, now), false);
        }
        if (fault.serverError()) {
            return new Outcome(ErrorBodies.serverError(fault.serverErrorStatus(), correlationId), caller, template,
                    limiter.peek(caller.clientId(), now), false);
        }
        RateLimiter.Decision rate = limiter.tryAcquire(caller.orgId(), caller.clientId(), now);
        if (!rate.allowed()) {
            return new Outcome(ErrorBodies.tooManyRequests(rate.retryAfterSeconds(), correlationId), caller, template,
                    rate, false);
        }
        if (route == null) {
            return new Outcome(ErrorBodies.notFound("No resource at " + method + " " + path, correlationId), caller,
                    template, rate, false);
        }
        if (!caller.may(route.permission())) {
            return new Outcome(ErrorBodies.missingPermission(route.permission(), correlationId), caller, template,
                    rate, false);
        }
        ApiCall call = new ApiCall(caller, org.get(), method, params, FormBody.parse(rawQuery), body, now,
                correlationId);
        return new Outcome(route.handler().handle(call), caller, template, rate, false);
    }

    /** Headers for a simulated storm: the window looks full. */
    private RateLimiter.Decision exhausted(Caller caller, Instant now) {
        RateLimiter.Decision current = limiter.peek(caller.clientId(), now);
        return new RateLimiter.Decision(false, current.limit(), current.limit(), current.resetSeconds(), 0);
    }

    private static void pause(FaultDecision fault) {
        if (fault.delay().isZero()) {
            return;
        }
        try {
            Thread.sleep(fault.delay().toMillis()); // simulated network latency is real time by nature
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private void send(HttpExchange exchange, Outcome outcome, String correlationId) throws IOException {
        ApiResponse response = outcome.response();
        Headers headers = exchange.getResponseHeaders();
        headers.set("ININ-Correlation-Id", correlationId);
        RateLimiter.Decision rate = outcome.rate();
        headers.set("inin-ratelimit-count", Integer.toString(rate == null ? 0 : rate.decisionCount()));
        headers.set("inin-ratelimit-allowed", Integer.toString(rate == null
                ? limiter.limitFor(null) : rate.limit()));
        headers.set("inin-ratelimit-reset", Long.toString(rate == null ? 60 : rate.resetSeconds()));
        response.headers().forEach(headers::set);
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            exchange.close();
            return;
        }
        byte[] bytes = Json.compact(response.body());
        headers.set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
