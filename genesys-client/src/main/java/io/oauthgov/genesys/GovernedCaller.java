package io.oauthgov.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oauthgov.genesys.governance.Backoff;
import io.oauthgov.genesys.governance.CircuitBreaker;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.governance.IdentityMetrics;
import io.oauthgov.genesys.governance.RateGovernor;
import io.oauthgov.genesys.governance.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

/**
 * Every API call of one identity passes here, in order: circuit breaker → rate governor (pace, Retry-After) →
 * the HTTP call → classification → retry with backoff. Server errors and transport failures are retried until the
 * identity has failed without a success for {@link GovernanceConfig#giveUpAfter()} (see there). The identity's sends
 * are serialised, so it is paced as one stream and never bursts beyond its budget; up to
 * {@link GovernanceConfig#readsInFlight()} reads may then wait for their answers at once (a slow answer no longer
 * idles the budget), while a change waits until nothing else is in flight and holds the identity alone. Other
 * identities have their own caller and never wait on this one.
 */
public final class GovernedCaller {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiIdentity identity;
    private final Endpoints endpoints;
    private final HttpClient http;
    private final TokenProvider tokens;
    private final GovernanceConfig config;
    private final Sleeper sleeper;
    private final RateGovernor governor;
    private final CircuitBreaker breaker;
    /** The identity's last server failure, whichever call met it: a call refused after the give-up time says it too. */
    private volatile GenesysApiException lastServerFailure;
    private final Backoff backoff;
    private final IdentityMetrics metrics = new IdentityMetrics();
    /** One send at a time: the governor's spacing and window log see the identity's calls as one stream. */
    private final ReentrantLock pacing = new ReentrantLock(true);
    /** A permit per call on the wire; a change takes them all, so it is never in flight beside another call. */
    private final Semaphore inFlight;
    /** Asked right before a change (PUT, DELETE, PATCH) goes on the wire, after pacing; false stops it. */
    private volatile java.util.function.BooleanSupplier changesAllowed = () -> true;

    public GovernedCaller(ApiIdentity identity, Endpoints endpoints, HttpClient http, TokenProvider tokens,
                          GovernanceConfig config, Clock clock, Sleeper sleeper, DoubleSupplier random) {
        this.identity = identity;
        this.endpoints = endpoints;
        this.http = http;
        this.tokens = tokens;
        this.config = config;
        this.sleeper = sleeper;
        this.governor = new RateGovernor(config.requestsPerWindow(), config.window(), clock);
        this.breaker = new CircuitBreaker(config.breakerThreshold(), config.breakerCoolDown(), clock);
        this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), random);
        this.inFlight = new Semaphore(config.readsInFlight(), true);
    }

    public ApiIdentity identity() { return identity; }

    public IdentityMetrics metrics() { return metrics; }

    public RateGovernor governor() { return governor; }

    public CircuitBreaker breaker() { return breaker; }

    /**
     * Installs the last check before a change leaves: a kill switch engaged while a call waited for its turn in the
     * rate budget still stops it. A stopped call fails with code {@value #CHANGES_HALTED}, not retriable.
     */
    public void guardChanges(java.util.function.BooleanSupplier allowed) {
        this.changesAllowed = allowed;
    }

    public static final String CHANGES_HALTED = "changes.halted";

    /**
     * Calls the API. 2xx → the response; 404 → {@code Optional.empty()} when {@code notFoundIsAbsent}; anything else
     * that is not retriable, or still failing after the configured attempts → {@link GenesysApiException}.
     */
    public Optional<ApiResponse> call(String method, String pathAndQuery, JsonNode body, boolean notFoundIsAbsent) {
        int permits = isChange(method) ? config.readsInFlight() : 1;
        try {
            inFlight.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenesysApiException("Interrupted waiting for a call slot of " + identity, 0, null, null, null, false, e);
        }
        try {
            return callInTurn(method, endpoints.api(pathAndQuery), body, notFoundIsAbsent);
        } finally {
            inFlight.release(permits);
        }
    }

    private Optional<ApiResponse> callInTurn(String method, URI uri, JsonNode body, boolean notFoundIsAbsent) {
        boolean reauthenticated = false;
        GenesysApiException last = null;
        Duration throttledWait = Duration.ZERO;
        int throttledInARow = 0;
        int failures = 0;
        while (true) {
            CircuitBreaker.Admission admission = admitted(last);
            boolean verdict = false; // whether the breaker heard how this attempt went
            try {
                pacing.lock();
                try {
                    // A call still in flight may meet a Retry-After while this one sleeps for its turn: then wait again.
                    Instant blockedBefore;
                    do {
                        blockedBefore = governor.blockedUntil();
                        waitFor(governor.delayBeforeNextCall());
                    } while (governor.blockedUntil().isAfter(blockedBefore));
                    if (isChange(method) && !changesAllowed.getAsBoolean()) {
                        throw new GenesysApiException(method + " " + uri.getPath() + " as " + identity + " stopped: changes are halted",
                                0, CHANGES_HALTED, null, null, false, null);
                    }
                    governor.onCallSent();
                } finally {
                    pacing.unlock();
                }
                metrics.onCall();
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request(method, uri, body), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    breaker.onFailure();
                    verdict = true;
                    last = new GenesysApiException(method + " " + uri.getPath() + " as " + identity + ": " + e.getClass().getSimpleName(),
                            0, null, null, null, true, e);
                    lastServerFailure = last;
                    retryAfterBackoff(++failures, last);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GenesysApiException("Interrupted calling " + uri.getPath(), 0, null, null, null, false, e);
                }
                int status = response.statusCode();
                learnFrom(response.headers(), status);
                String correlationId = header(response.headers(), "inin-correlation-id");
                if (status / 100 == 2) {
                    breaker.onSuccess();
                    verdict = true;
                    return Optional.of(new ApiResponse(status, response.body(), correlationId, method, uri, identity));
                }
                JsonNode error = parseQuietly(response.body());
                GenesysApiException failure = failure(method, uri, status, error, correlationId);
                if (status == 404 && notFoundIsAbsent) {
                    breaker.onSuccess();
                    verdict = true;
                    return Optional.empty();
                }
                if (status == 401 && !reauthenticated) {
                    // Tokens can be revoked or expire early: log in once more, then give up with a clear error.
                    reauthenticated = true;
                    tokens.invalidate();
                    continue;
                }
                if (status == 429) {
                    metrics.onThrottled();
                    Duration retryAfter = retryAfter(response.headers());
                    Duration pause = retryAfter != null ? retryAfter : backoff.delay(Math.min(failures + throttledInARow + 1, 30));
                    throttledWait = throttledWait.plus(pause);
                    if (throttledWait.compareTo(config.maxRetryAfter()) > 0) {
                        metrics.onFailure();
                        throw new GenesysApiException(failure.getMessage() + "; throttled for " + throttledWait.toSeconds()
                                + " s in all, more than the configured maximum of " + config.maxRetryAfter().toSeconds() + " s",
                                429, failure.code(), failure.contextId(), correlationId, true, null);
                    }
                    governor.block(pause);
                    last = failure;
                    metrics.onRetry();
                    // A 429 is the platform pacing us, not failing: it is waited out and tells the breaker nothing.
                    // The total wait is bounded instead, so a storm is ridden out and an endless one still ends.
                    throttledInARow++;
                    continue;
                }
                if (status >= 500) {
                    breaker.onFailure();
                    verdict = true;
                    last = failure;
                    lastServerFailure = failure;
                    retryAfterBackoff(++failures, last);
                    continue;
                }
                breaker.onSuccess(); // a 4xx is a healthy answer about a bad request, not a sick platform
                verdict = true;
                throw failure;
            } finally {
                if (!verdict) {
                    breaker.release(admission);
                }
            }
        }
    }

    private static boolean isChange(String method) {
        return method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH");
    }

    /**
     * Waits until the breaker admits a call — through its cool-downs, as long as the identity has been failing for
     * less than {@link GovernanceConfig#giveUpAfter()} — and gives up once it has been failing that long.
     */
    private CircuitBreaker.Admission admitted(GenesysApiException last) {
        try {
            while (true) {
                CircuitBreaker.Admission admission = breaker.admit();
                if (admission != CircuitBreaker.Admission.REFUSED) {
                    return admission;
                }
                Duration left = config.giveUpAfter().minus(breaker.failingFor());
                if (left.isNegative() || left.isZero()) {
                    throw gaveUp(last);
                }
                Duration open = breaker.remainingOpen();
                Duration wait = open.compareTo(left) < 0 ? open : left;
                waitFor(wait.isZero() ? Duration.ofMillis(1) : wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenesysApiException("Interrupted while waiting for the circuit breaker of " + identity, 0, null, null, null, false, e);
        }
    }

    /**
     * After a failure: fail for good once the identity has failed for the whole give-up time; else back off while
     * the breaker is still closed (once it is open, its cool-down spaces the attempts instead, so the two waits never
     * add up), never beyond the give-up time.
     */
    private void retryAfterBackoff(int failures, GenesysApiException last) {
        Duration left = config.giveUpAfter().minus(breaker.failingFor());
        if (left.isNegative() || left.isZero()) {
            throw gaveUp(last);
        }
        metrics.onRetry();
        if (breaker.state() == CircuitBreaker.State.CLOSED) {
            Duration delay = backoff.delay(failures);
            governor.block(delay.compareTo(left) < 0 ? delay : left);
        }
    }

    private GenesysApiException gaveUp(GenesysApiException ownLast) {
        GenesysApiException last = ownLast != null ? ownLast : lastServerFailure;
        metrics.onFailure();
        return new GenesysApiException("Gave up on " + identity + ": its calls failed for " + seconds(breaker.failingFor())
                + " without a success (the limit is " + seconds(config.giveUpAfter()) + ")"
                + (last == null ? "" : "; last: " + last.getMessage()),
                last == null ? 0 : last.status(), GAVE_UP, last == null ? null : last.contextId(),
                last == null ? null : last.correlationId(), true, last);
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    /** The code of a call that failed because its identity kept failing for {@link GovernanceConfig#giveUpAfter()}. */
    public static final String GAVE_UP = "identity.unavailable";

    private void waitFor(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        metrics.onWaited(delay);
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenesysApiException("Interrupted while pacing calls of " + identity, 0, null, null, null, false, e);
        }
    }

    private HttpRequest request(String method, URI uri, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + tokens.token())
                .header("Accept", "application/json");
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return builder.build();
    }

    /** On a 429 only the limit is learned here: Retry-After, not the window reset, says when to call again. */
    private void learnFrom(HttpHeaders headers, int status) {
        Integer allowed = intHeader(headers, "inin-ratelimit-allowed");
        if (status == 429) {
            governor.onHeaders(allowed, null, null);
            return;
        }
        var reset = headers.firstValueAsLong("inin-ratelimit-reset");
        governor.onHeaders(allowed, intHeader(headers, "inin-ratelimit-count"), reset.isPresent() ? reset.getAsLong() : null);
    }

    private GenesysApiException failure(String method, URI uri, int status, JsonNode error, String correlationId) {
        String code = error.path("code").asText(null);
        String message = error.path("message").asText("HTTP " + status);
        return new GenesysApiException(method + " " + uri.getPath() + " as " + identity + " → " + status
                + (code == null ? "" : " " + code) + ": " + message, status, code, error.path("contextId").asText(null),
                correlationId, GenesysApiException.isRetriable(status), null);
    }

    private static Duration retryAfter(HttpHeaders headers) {
        return headers.firstValue("retry-after").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static Integer intHeader(HttpHeaders headers, String name) {
        return headers.firstValueAsLong(name).isPresent() ? (int) headers.firstValueAsLong(name).getAsLong() : null;
    }

    private static String header(HttpHeaders headers, String name) {
        return headers.firstValue(name).orElse(null);
    }

    private static JsonNode parseQuietly(byte[] body) {
        try {
            JsonNode error = body == null || body.length == 0 ? null : JSON.readTree(body);
            return error == null ? JSON.createObjectNode() : error;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
