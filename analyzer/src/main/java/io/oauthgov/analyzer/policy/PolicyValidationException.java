package io.oauthgov.analyzer.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy file that cannot be used. Each problem names the offending key (as a dotted path, e.g.
 * {@code rules.stale-unused.severity}) and its line, so a reviewer can fix the file without guessing.
 */
public final class PolicyValidationException extends RuntimeException {
    /** One problem; line is 1-based, or 0 when the key is absent from the file. */
    public record Problem(String key, int line, String message) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ": " : "") + key + ": " + message;
        }
    }

    private final String source;
    private final List<Problem> problems;

    public PolicyValidationException(String source, List<Problem> problems) {
        super("Invalid policy " + source + ": " + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }
}
