package io.oauthgov.schemas.registry;

/** A registry refused or could not answer. {@code errorCode} follows the Confluent REST error codes. */
public class SchemaRegistryException extends RuntimeException {
    public static final int UNAUTHORIZED = 401;
    public static final int ENDPOINT_NOT_FOUND = 404;
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /** What oauthgov's server answers, as Confluent's did up to 7.x; recent Confluent registries answer 40901. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INCOMPATIBLE_SCHEMA_RECENT = 40901;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int OPERATION_NOT_PERMITTED = 42205;
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

    /** Confluent's wording, which tools match on. */
    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public int errorCode() {
        return errorCode;
    }

    /** Whether the registry refused a schema as incompatible (either generation of Confluent's code). */
    public boolean isIncompatibleSchema() {
        return errorCode == INCOMPATIBLE_SCHEMA || errorCode == INCOMPATIBLE_SCHEMA_RECENT;
    }

    /** The HTTP status a Confluent registry answers with for this error code. */
    public int httpStatus() {
        return errorCode >= 1000 ? errorCode / 100 : errorCode;
    }
}
