package io.oauthgov.analyzer.evaluation;

import java.util.Comparator;
import java.util.Locale;

/**
 * One API endpoint as the usage API reports it: HTTP method and path template ({@code api/v2/users/{userId}}).
 * Stored as {@code "METHOD template"} text in the activity aggregate.
 */
public record Endpoint(String httpMethod, String templateUri) implements Comparable<Endpoint> {
    private static final Comparator<Endpoint> ORDER = Comparator.comparing(Endpoint::templateUri)
            .thenComparing(Endpoint::httpMethod);

    static String key(String httpMethod, String templateUri) {
        return (httpMethod == null ? "" : httpMethod.toUpperCase(Locale.ROOT)) + " " + templateUri;
    }

    static Endpoint parse(String key) {
        int space = key.indexOf(' ');
        return new Endpoint(key.substring(0, space), key.substring(space + 1));
    }

    /**
     * Whether the call can change data: any method but GET, HEAD and OPTIONS, except Genesys' query endpoints
     * ({@code POST .../query}, e.g. analytics or usage queries), which only read although they are POSTs.
     */
    public boolean writes() {
        return switch (httpMethod) {
            case "GET", "HEAD", "OPTIONS" -> false;
            default -> !templateUri.endsWith("/query");
        };
    }

    @Override
    public int compareTo(Endpoint other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return httpMethod + " " + templateUri;
    }
}
