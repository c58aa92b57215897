package io.oauthgov.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a stage's telemetry, on the JDK's own server (no web framework for three read-only pages):
 * {@code GET /metrics} in the Prometheus text format (OpenMetrics when the scraper asks for it),
 * {@code GET /health/live} (200 while the process serves) and {@code GET /health/ready} (200 or 503 from the
 * stage's {@link Readiness}, with a one-line JSON body saying why). Anything else is 404, any other method 405.
 * Bind it to loopback unless a scraper elsewhere needs it: it has no authentication.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    /** The Prometheus text exposition format 0.0.4, what every Prometheus scrapes by default. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService threads;
    private final PrometheusMeterRegistry registry;
    private volatile Readiness readiness;

    private MetricsServer(HttpServer server, PrometheusMeterRegistry registry, Readiness readiness) {
        this.server = server;
        this.registry = registry;
        this.readiness = readiness;
        // Two threads: a slow scrape never holds up a liveness probe; daemon, so they never keep a stage alive.
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "oauthgov-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** Binds (port 0: any free port, see {@link #address()}) and serves until {@link #close()}. */
    public static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry, Readiness readiness) {
        Objects.requireNonNull(registry, "registry");
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + address.getHostString() + ":" + address.getPort()
                    + ": " + e.getMessage(), e);
        }
        MetricsServer metrics = new MetricsServer(server, registry, Objects.requireNonNull(readiness, "readiness"));
        server.start();
        LOG.info("Serving /metrics, /health/live and /health/ready on http://{}:{}", metrics.address().getHostString(),
                metrics.address().getPort());
        return metrics;
    }

    /** The stage installs its own check once it is built; until then the one given at start answers. */
    public void readiness(Readiness value) {
        this.readiness = Objects.requireNonNull(value, "readiness");
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The base URL scrapers use, e.g. {@code http://127.0.0.1:9400}. */
    public String url() {
        return "http://" + address().getHostString() + ":" + address().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, JSON, "{\"error\":\"only GET and HEAD are served\"}\n");
                return;
            }
            switch (path) {
                case "/metrics" -> {
                    boolean openMetrics = accepts(exchange, "application/openmetrics-text");
                    String contentType = openMetrics ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
                    respond(exchange, 200, contentType, registry.scrape(contentType));
                }
                case "/health/live" -> respond(exchange, 200, JSON, "{\"status\":\"UP\"}\n");
                case "/health/ready" -> ready(exchange);
                default -> respond(exchange, 404, JSON, "{\"error\":\"not found; try /metrics, /health/live or /health/ready\"}\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("Metrics request {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
        }
    }

    private void ready(HttpExchange exchange) throws IOException {
        Readiness.Status status;
        try {
            status = readiness.check();
        } catch (RuntimeException e) {
            // A check that throws cannot vouch for the stage.
            status = Readiness.Status.notReady("readiness check failed: " + e.getClass().getSimpleName());
        }
        String body = "{\"status\":\"" + (status.ready() ? "READY" : "NOT_READY") + "\",\"detail\":\"" + jsonEscape(status.detail())
                + "\"}\n";
        respond(exchange, status.ready() ? 200 : 503, JSON, body);
    }

    private static boolean accepts(HttpExchange exchange, String mediaType) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.contains(mediaType);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String jsonEscape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
