package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.oauthgov.metrics.DomainMetric;
import io.oauthgov.metrics.DomainMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dashboard and the scrape config must not rot: they name real metrics and the ports Compose gives the stages. */
class OpsFilesTest {
    private static final Path DASHBOARD = Path.of("../ops/grafana/oauthgov-dashboard.json");
    private static final Path PROMETHEUS = Path.of("../ops/prometheus/prometheus.yml");
    private static final Path COMPOSE = Path.of("../docker-compose.yml");
    private static final Pattern DOMAIN_METRIC = Pattern.compile("oauthgov_[a-z_]+");

    @Test
    void theDashboardQueriesOnlyDeclaredDomainMetricsAndShowsEveryOne() throws Exception {
        List<JsonNode> panels = panels();
        Set<String> queried = new HashSet<>();
        panels.forEach(panel -> panel.path("targets").forEach(target -> {
            Matcher matcher = DOMAIN_METRIC.matcher(target.path("expr").asText());
            while (matcher.find()) {
                queried.add(matcher.group());
            }
        }));

        Set<String> declared = DomainMetrics.ALL.stream().map(DomainMetric::prometheusName).collect(Collectors.toSet());
        assertThat(declared).as("declared metrics").containsAll(queried);
        assertThat(queried).as("every domain metric has a panel").containsAll(declared);
    }

    @Test
    void everyPanelReadsTheDataSourceChosenAtImport() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).contains("datasource");
        assertThat(panels()).filteredOn(p -> !p.path("type").asText().equals("row"))
                .allSatisfy(panel -> assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("${datasource}"));
    }

    @Test
    void prometheusScrapesEachStageOnThePortComposeGivesIt() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<String> targets = new HashSet<>();
        yaml.readTree(PROMETHEUS.toFile()).path("scrape_configs").forEach(job -> job.path("static_configs")
                .forEach(config -> config.path("targets").forEach(t -> targets.add(t.asText()))));

        Map<String, String> exposed = new HashMap<>();
        yaml.readTree(COMPOSE.toFile()).path("services").fields().forEachRemaining(service -> {
            List<String> command = new ArrayList<>();
            service.getValue().path("command").forEach(a -> command.add(a.asText()));
            int port = command.indexOf("--metrics-port");
            if (port >= 0) {
                assertThat(command).as(service.getKey() + " must listen beyond its container's loopback").containsSequence("--metrics-bind", "0.0.0.0");
                exposed.put(service.getKey(), service.getKey() + ":" + command.get(port + 1));
            }
        });

        assertThat(exposed).containsOnlyKeys("collector", "analyzer", "executor");
        assertThat(targets).containsExactlyInAnyOrderElementsOf(exposed.values());
    }

    private static List<JsonNode> panels() throws Exception {
        List<JsonNode> panels = new ArrayList<>();
        new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels").forEach(panels::add);
        return panels;
    }
}
