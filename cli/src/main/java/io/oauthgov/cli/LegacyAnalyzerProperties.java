package io.oauthgov.cli;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.genesys.SecretFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The analyzer properties file of earlier releases ({@code --settings analyzer.properties}: approvers, executor
 * identities, the approval key file), still read by {@code analyze} and {@code execute} on top of the deployment
 * file so existing set-ups keep working. Its entries add to the deployment's approvers and replace its key and
 * identities where both name one.
 */
final class LegacyAnalyzerProperties {
    private LegacyAnalyzerProperties() {}

    /** @param file the properties file, or null (nothing changes) */
    static AnalyzerSettings.Builder applyTo(AnalyzerSettings.Builder builder, Path file, String option) {
        if (file == null) {
            return builder;
        }
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UserError("cannot read " + option + " " + file + ": " + e.getClass().getSimpleName(),
                    "pass the analyzer's properties file, or move its settings into oauthgov.yaml (approvals:, orgs[].executor)");
        }
        Map<String, String> properties = new HashMap<>();
        loaded.forEach((k, v) -> properties.put(k.toString(), v.toString()));
        AnalyzerSettings legacy;
        try {
            legacy = AnalyzerSettings.fromProperties(properties, Map.of());
        } catch (SecretFiles.SecretFileException e) {
            throw e; // names the key file and how to fix it (Main maps it to exit 2)
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new UserError(option + " " + file + ": " + e.getMessage(), "fix the properties file");
        }
        legacy.approversByOrg().forEach((org, ids) -> builder.approvers(org, ids.toArray(String[]::new)));
        legacy.executorIdentityByOrg().forEach(builder::executorIdentity);
        legacy.hmacKey().ifPresent(builder::hmacKey);
        if (properties.containsKey(AnalyzerSettings.PUNCTUATION_INTERVAL_MS)) {
            builder.punctuationInterval(legacy.punctuationInterval());
        }
        return builder;
    }
}
