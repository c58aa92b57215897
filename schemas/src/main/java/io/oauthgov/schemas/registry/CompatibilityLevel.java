package io.oauthgov.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;

/**
 * The compatibility levels a Confluent registry knows ({@code GET|PUT /config}). Each is the project's Avro
 * reader/writer check ({@link Compatibility}) applied in one or both directions, against the latest live version or
 * (transitive) against every live version. oauthgov's own subjects stay on the default, BACKWARD.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The level named as Confluent names it; an unknown name is a 42203. */
    public static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive,"
                            + " forward_transitive, and full_transitive");
        }
    }

    /**
     * What stands in the way of {@code candidate} becoming the next version, given the subject's live versions
     * (oldest first); empty when it may be registered.
     */
    public List<String> problems(Schema candidate, List<Schema> liveVersions) {
        if (liveVersions.isEmpty()) {
            return List.of();
        }
        List<Schema> against = transitive ? liveVersions : List.of(liveVersions.get(liveVersions.size() - 1));
        return problemsAgainst(candidate, against);
    }

    /** What makes {@code candidate} incompatible with each of {@code existing} in this level's directions (transitivity aside). */
    public List<String> problemsAgainst(Schema candidate, List<Schema> existing) {
        List<String> problems = new ArrayList<>();
        for (Schema other : existing) {
            if (backward) {
                add(problems, "reading data written with an existing version", Compatibility.describeIncompatibility(candidate, other));
            }
            if (forward) {
                add(problems, "an existing version reading data written with the new schema",
                        Compatibility.describeIncompatibility(other, candidate));
            }
        }
        return problems;
    }

    private static void add(List<String> problems, String direction, String problem) {
        if (problem != null) {
            problems.add(direction + ": " + problem);
        }
    }
}
