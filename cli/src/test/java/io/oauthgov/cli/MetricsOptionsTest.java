package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class MetricsOptionsTest {
    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed);

    @Test
    void withoutAPortThereIsNoEndpointAndNothingIsPrinted() {
        try (MetricsEndpoint endpoint = options(null, "127.0.0.1").start("collector", out)) {
            assertThat(endpoint.registry()).isNotNull();
        }
        assertThat(printed.toString()).isEmpty();
    }

    @Test
    void portZeroBindsLoopbackAndPrintsTheAddressToScrape() {
        try (MetricsEndpoint endpoint = options(0, "127.0.0.1").start("analyzer", out)) {
            assertThat(printed.toString()).matches("analyzer metrics on http://127\\.0\\.0\\.1:\\d+/metrics \\(health: .*\\)\\R");
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        assertThatThrownBy(() -> options(70_000, "127.0.0.1").start("executor", out)).isInstanceOf(UserError.class)
                .hasMessageContaining("0..65535");
    }

    @Test
    void aPortInUseIsAUsageErrorWithAHint() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> options(taken.getLocalPort(), "127.0.0.1").start("executor", out)).isInstanceOf(UserError.class)
                    .hasMessageContaining("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort())
                    .satisfies(e -> assertThat(((UserError) e).hint()).contains("another --metrics-port"));
        }
    }

    private static MetricsOptions options(Integer port, String bind) {
        MetricsOptions options = new MetricsOptions();
        options.port = port;
        options.bind = bind;
        return options;
    }
}
