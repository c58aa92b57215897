package io.oauthgov.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A realistic report.json: one simulated org, twelve candidates of every severity (listed by name, as the demo writes
 * them, so severity order differs from file order), one with a script-injecting name, and the executor's sections.
 */
final class SampleReport {
    static final String MALICIOUS_NAME = "<script>alert('pwned')</script><img src=x onerror=alert(1)>";
    static final String[] EXECUTOR_KEYS = {"approvals", "outcomesByKind", "outcomes", "rateBudget", "timeline"};

    private SampleReport() {}

    static ObjectNode withExecutor() {
        try (InputStream in = SampleReport.class.getResourceAsStream("/report/sample-report.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same run as it looks before the executor exists: none of its keys. */
    static ObjectNode withoutExecutor() {
        ObjectNode report = withExecutor();
        report.remove(java.util.List.of(EXECUTOR_KEYS));
        return report;
    }
}
