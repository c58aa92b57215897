package io.oauthgov.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DomainMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void everyNameIsDeclaredOnceAndStartsWithOauthgov() {
        assertThat(DomainMetrics.ALL).extracting(DomainMetric::prometheusName).allMatch(n -> n.startsWith("oauthgov_"))
                .doesNotHaveDuplicates();
        assertThat(new HashSet<>(DomainMetrics.ALL)).hasSameSizeAs(DomainMetrics.ALL);
    }

    @Test
    void theExportedNameIsTheOnePrometheusShows() {
        AtomicLong waited = new AtomicLong(1500);
        DomainMetrics.API_THROTTLED_WAIT.functionCounter(registry, waited, w -> w.get() / 1000.0, "org-1", "id-1");
        DomainMetrics.SNAPSHOT_AGE.gauge(registry, waited, w -> 42, "org-1");

        String scrape = registry.scrape();

        assertThat(scrape).contains(DomainMetrics.API_THROTTLED_WAIT.prometheusName() + "{identity=\"id-1\",org=\"org-1\"} 1.5")
                .contains(DomainMetrics.SNAPSHOT_AGE.prometheusName() + "{org=\"org-1\"} 42.0");
    }

    @Test
    void refusesTagValuesThatDoNotMatchTheDeclaredKeys() {
        assertThatThrownBy(() -> DomainMetrics.API_CALLS.counter(registry, "org-only"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[org, identity]");
    }

    @Test
    void refusesTheWrongKindOfMeter() {
        assertThatThrownBy(() -> DomainMetrics.SNAPSHOT_AGE.counter(registry, "org-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theReadmeListsEveryDomainMetric() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).as("README.md's metric table: paste DomainMetrics.markdownTable()").contains(DomainMetrics.markdownTable());
    }
}
