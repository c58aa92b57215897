package io.oauthgov.analyzer.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document and the line of every key in it. The tree Jackson builds has no positions, so a first pass walks
 * the parser's tokens and records the line of every key (and list item) by its dotted path, e.g.
 * {@code orgs[1].collector.credentialsFile}; validators then report problems by path and look the line up here.
 * Duplicate keys are refused: in a file that decides who may delete what, the second of two keys silently winning
 * is a trap.
 */
public final class LocatedYaml {
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = Map.copyOf(lines);
    }

    /** @throws SyntaxError when the text is not YAML (with the parser's line) */
    public static LocatedYaml parse(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try {
            try (JsonParser parser = YAML.createParser(text)) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    JsonStreamContext context = parser.getParsingContext();
                    if (token == JsonToken.FIELD_NAME || (context.inArray() && !token.isStructEnd())) {
                        lines.putIfAbsent(path(context), parser.currentTokenLocation().getLineNr());
                    }
                }
            }
            return new LocatedYaml(MAPPER.readTree(text), lines);
        } catch (JsonProcessingException e) {
            throw new SyntaxError(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's root; null for an empty document. */
    public JsonNode root() {
        return root;
    }

    /** The 1-based line of the key or list item at {@code path}, 0 when it is not in the document. */
    public int line(String path) {
        return lines.getOrDefault(path, 0);
    }

    /** Dotted path of the current key or list item, e.g. {@code rules.stale-unused.severity}, {@code x[2]}. */
    private static String path(JsonStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                segments.add(0, "." + c.getCurrentName());
            }
        }
        String joined = String.join("", segments);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    /** Text that is not YAML. */
    public static final class SyntaxError extends RuntimeException {
        private final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }
}
