package io.oauthgov.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint as a scraper and a probe see it: real HTTP on loopback. */
class MetricsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Readiness.Status> status = new AtomicReference<>(Readiness.Status.notReady("analyzer REBALANCING"));
    private MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry, status::get);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void servesTheRegistryInThePrometheusTextFormat() throws Exception {
        Counter calls = DomainMetrics.API_CALLS.counter(registry, "org-1", "collector-id");
        calls.increment(3);

        HttpResponse<String> response = get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsServer.PROMETHEUS_TEXT);
        assertThat(response.body()).contains("# TYPE oauthgov_api_calls_total counter")
                .contains("oauthgov_api_calls_total{identity=\"collector-id\",org=\"org-1\"} 3.0");
    }

    @Test
    void servesOpenMetricsWhenTheScraperAsksForIt() throws Exception {
        DomainMetrics.API_CALLS.counter(registry, "org-1", "collector-id").increment();

        HttpResponse<String> response = get("/metrics", "application/openmetrics-text; version=1.0.0");

        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsServer.OPENMETRICS_TEXT);
        assertThat(response.body()).endsWith("# EOF\n");
    }

    @Test
    void readinessIs503WithTheReasonUntilTheStageIsReadyThen200() throws Exception {
        HttpResponse<String> before = get("/health/ready", null);
        status.set(Readiness.Status.ready("analyzer RUNNING"));
        HttpResponse<String> after = get("/health/ready", null);

        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).isEqualTo("{\"status\":\"NOT_READY\",\"detail\":\"analyzer REBALANCING\"}\n");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("\"READY\"").contains("analyzer RUNNING");
    }

    @Test
    void aReadinessCheckThatThrowsIsNotReady() throws Exception {
        server.readiness(() -> {
            throw new IllegalStateException("store closed");
        });

        HttpResponse<String> response = get("/health/ready", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("readiness check failed: IllegalStateException");
    }

    @Test
    void livenessIsUpWhateverReadinessSays() throws Exception {
        HttpResponse<String> response = get("/health/live", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        HttpResponse<String> unknown = get("/admin", null);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void detailsAreEscapedSoTheBodyStaysJson() throws Exception {
        status.set(Readiness.Status.notReady("org \"a\"\nunverified \\ LISTING_DRIFT"));

        HttpResponse<String> response = get("/health/ready", null);

        assertThat(response.body()).isEqualTo("{\"status\":\"NOT_READY\",\"detail\":\"org \\\"a\\\"\\nunverified \\\\ LISTING_DRIFT\"}\n");
    }

    @Test
    void bindsTheAddressItIsGivenAndReportsTheChosenPort() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.address().getPort()).isPositive();
        assertThat(server.url()).isEqualTo("http://" + server.address().getHostString() + ":" + server.address().getPort());
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
