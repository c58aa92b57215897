package io.oauthgov.schemas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * BACKWARD compatibility, the registry default and oauthgov's rule: consumers using the new schema can read
 * everything written with the previous one (so a new field needs a default, and no field may change type).
 */
public final class Compatibility {
    private Compatibility() {}

    public static boolean isBackwardCompatible(Schema newer, Schema previous) {
        return describeIncompatibility(newer, previous) == null;
    }

    /** Null when compatible; otherwise the reader/writer incompatibilities in one line, for error messages. */
    public static String describeIncompatibility(Schema newer, Schema previous) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(newer, previous);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
    }
}
