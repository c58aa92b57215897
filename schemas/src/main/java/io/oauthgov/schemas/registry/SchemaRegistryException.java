package io.oauthgov.schemas.registry;

/** A registry refused or could not answer. {@code errorCode} follows the Confluent REST error codes. */
public class SchemaRegistryException extends RuntimeException {
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int UNAVAILABLE = 50003;

    private final int errorCode;

    public SchemaRegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The HTTP status a Confluent registry answers with for this error code. */
    public int httpStatus() {
        return errorCode >= 1000 ? errorCode / 100 : errorCode;
    }
}
