package io.oauthgov.genesys;

/**
 * A Genesys Cloud call that failed for good. Carries what an operator and Genesys support need — status, the
 * platform's error code, its {@code contextId}, the correlation id and the identity — and never a request body,
 * a token or a secret.
 */
public class GenesysApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String contextId;
    private final String correlationId;
    private final boolean retriable;

    public GenesysApiException(String message, int status, String code, String contextId, String correlationId,
                               boolean retriable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.contextId = contextId;
        this.correlationId = correlationId;
        this.retriable = retriable;
    }

    /** HTTP status; 0 when no response arrived (I/O error, timeout); after giving up, the last failure's. */
    public int status() { return status; }

    /** Genesys error code such as {@code not.found} or {@code missing.any.permissions}; null when none. */
    public String code() { return code; }

    public String contextId() { return contextId; }

    public String correlationId() { return correlationId; }

    /** Whether trying again later could succeed (429, 5xx, I/O). */
    public boolean retriable() { return retriable; }

    /** The one classification of failures: throttling, server errors and transport trouble may pass; other 4xx will not. */
    public static boolean isRetriable(int status) {
        return status == 0 || status == 429 || status >= 500;
    }
}
