package io.oauthgov.simulator.generator;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Inputs of the generator. The same seed, counts and anchor give the same organizations and ground truth;
 * secrets come from {@code secrets} and are never part of the ground truth.
 *
 * @param anchor the "now" the generated history is relative to
 */
public record GeneratorSettings(int orgs, int clientsPerOrg, long seed, Instant anchor, int collectorsPerOrg,
        int executorsPerOrg, Supplier<String> secrets) {

    public GeneratorSettings {
        if (orgs < 1 || clientsPerOrg < 0 || collectorsPerOrg < 0 || executorsPerOrg < 0) {
            throw new IllegalArgumentException("orgs must be >= 1 and counts >= 0");
        }
    }
}
