package io.oauthgov.cli.config;

/**
 * One thing wrong with a deployment file: the key as a dotted path ({@code orgs[1].collector.credentialsFile}), its
 * line (0 when the value came from the environment or is missing) and what is wrong.
 */
public record ConfigProblem(String key, int line, String message) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + key + ": " + message;
    }
}
