package io.oauthgov.cli;

import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.analyzer.policy.PolicyValidationException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the policy a command names, or the shipped default, turning every problem into a usage error. */
final class Policies {
    private Policies() {}

    /** @param file the policy YAML, or null for the shipped default */
    static Policy load(Path file, String option) {
        if (file == null) {
            return PolicyLoader.loadDefault();
        }
        if (!Files.isReadable(file)) {
            throw new UserError(option + " " + file + ": no such readable file", "pass the path of a policy YAML file");
        }
        try {
            return PolicyLoader.load(file);
        } catch (PolicyValidationException e) {
            throw new UserError(option + " " + file + ": " + e.getMessage(), "fix the policy file; every problem is listed with its key and line");
        } catch (UncheckedIOException e) {
            throw new UserError("cannot read " + option + " " + file + ": " + e.getCause().getMessage(), "pass a readable policy YAML file");
        }
    }
}
