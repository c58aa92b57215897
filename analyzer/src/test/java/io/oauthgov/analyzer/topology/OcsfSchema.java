package io.oauthgov.analyzer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schema of OCSF 1.8.0's Detection Finding ({@code src/test/resources/ocsf}, derived from the OCSF source at a
 * named commit), applied by a maintained validator rather than hand-written checks.
 */
final class OcsfSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema DETECTION_FINDING = load();

    private OcsfSchema() {}

    /** Every way the event breaks the schema, each as "location: message"; empty when it is a valid Detection Finding. */
    static List<String> problems(String event) {
        JsonNode node;
        try {
            node = JSON.readTree(event);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return DETECTION_FINDING.validate(node).stream().map(Error::toString).toList();
    }

    private static Schema load() {
        try (InputStream in = OcsfSchema.class.getResourceAsStream("/ocsf/detection_finding-1.8.0.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
