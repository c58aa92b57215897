package io.oauthgov.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.GenesysRegion;
import io.oauthgov.genesys.SecretFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which organizations a command works on, how to reach them and as which identity: {@code collect} reads with its
 * collector identity, {@code execute} changes with its executor identities (an org may be listed once per executor
 * identity), {@code reconcile} reads the live registry. From a YAML file listing several orgs, or — for one org —
 * from the conventional environment variables. Secrets are never in this file: each org names a credentials file
 * (properties with clientId and clientSecret) or uses the environment.
 *
 * <pre>
 * orgs:
 *   - orgId: 5f1c...            # Genesys organization id
 *     region: eu-west-1         # or baseUrl: http://127.0.0.1:8089 for the simulator
 *     credentialsFile: /etc/oauthgov/collector-eu.properties
 *     requestsPerMinute: 300    # optional; corrected from response headers anyway
 * </pre>
 */
public record OrgsConfig(List<OrgEntry> orgs) {
    public static final String ENV_REGION = "GENESYSCLOUD_REGION";
    public static final String ENV_ORG_ID = "OAUTHGOV_ORG_ID";
    public static final String ENV_BASE_URL = "OAUTHGOV_GENESYS_BASE_URL";

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record OrgEntry(String orgId, String region, String baseUrl, Path credentialsFile, Integer requestsPerMinute) {
        public Endpoints endpoints() {
            return baseUrl != null ? Endpoints.local(baseUrl) : GenesysRegion.of(region).endpoints();
        }

        public String regionName() {
            return region != null ? region : "local";
        }

        /** The API as this entry's identity, paced from {@code requestsPerMinute} until headers say otherwise. */
        public GenesysClient connect(Map<String, String> env) {
            return connect(env, GovernanceConfig.defaults().giveUpAfter());
        }

        /** ... giving up on the org once its calls failed without a success for {@code giveUpAfter}. */
        public GenesysClient connect(Map<String, String> env, java.time.Duration giveUpAfter) {
            GovernanceConfig defaults = GovernanceConfig.defaults();
            GovernanceConfig config = (requestsPerMinute == null ? defaults : defaults.withRequestsPerWindow(requestsPerMinute))
                    .withOutageTolerance(defaults.breakerCoolDown(), giveUpAfter);
            return GenesysClient.connect(orgId, endpoints(), credentials(env), config);
        }

        public ClientCredentials credentials(Map<String, String> env) {
            return credentialsFile != null ? ClientCredentials.fromFile(credentialsFile, SecretFiles.insecureAllowed(env))
                    : ClientCredentials.fromEnvironment(env);
        }
    }

    public static OrgsConfig load(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        OrgsConfig config;
        try {
            config = yaml.readValue(file.toFile(), OrgsConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new UserError(file + ": unknown key '" + e.getPropertyName() + "' at line " + lineOfKey(file, e.getPropertyName(),
                    e.getLocation() == null ? -1 : e.getLocation().getLineNr()),
                    "known keys per org: orgId, region, baseUrl, credentialsFile, requestsPerMinute");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), "check the YAML syntax");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getClass().getSimpleName(), "check the path and its permissions");
        }
        if (config == null || config.orgs() == null || config.orgs().isEmpty()) {
            throw new UserError(file + ": no orgs listed", "add an 'orgs:' list with at least one orgId");
        }
        for (int i = 0; i < config.orgs().size(); i++) {
            OrgEntry org = config.orgs().get(i);
            if (org.orgId() == null || org.orgId().isBlank()) {
                throw new UserError(file + ": orgs[" + i + "] has no orgId", "every org needs its Genesys organization id");
            }
            if (org.region() == null && org.baseUrl() == null) {
                throw new UserError(file + ": orgs[" + i + "] (" + org.orgId() + ") needs region or baseUrl", "e.g. region: us-east-1");
            }
            if (org.requestsPerMinute() != null && org.requestsPerMinute() < 1) {
                throw new UserError(file + ": orgs[" + i + "] (" + org.orgId() + ") requestsPerMinute must be at least 1, got "
                        + org.requestsPerMinute(),
                        "leave it out to start at 300 per minute; the budget is corrected from the platform's rate-limit headers");
            }
        }
        return config;
    }

    /** Jackson reports where its parser stood, often the line after the key; the key's own line is what a person needs. */
    private static int lineOfKey(Path file, String key, int fallback) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("^\\s*(-\\s*)?" + java.util.regex.Pattern.quote(key) + "\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            // fall back to the parser's position
        }
        return fallback;
    }

    /** One org from GENESYSCLOUD_OAUTHCLIENT_ID/_SECRET, GENESYSCLOUD_REGION (or OAUTHGOV_GENESYS_BASE_URL) and OAUTHGOV_ORG_ID. */
    public static OrgsConfig fromEnvironment(Map<String, String> env) {
        String orgId = env.get(ENV_ORG_ID);
        if (orgId == null || orgId.isBlank()) {
            throw new UserError("no --config file and no " + ENV_ORG_ID + " in the environment",
                    "set " + ENV_ORG_ID + ", " + ClientCredentials.ENV_CLIENT_ID + ", " + ClientCredentials.ENV_CLIENT_SECRET
                            + " and " + ENV_REGION + ", or pass --config orgs.yaml");
        }
        String region = env.get(ENV_REGION);
        String baseUrl = env.get(ENV_BASE_URL);
        if (region == null && baseUrl == null) {
            throw new UserError("missing " + ENV_REGION, "e.g. " + ENV_REGION + "=us-east-1");
        }
        return new OrgsConfig(List.of(new OrgEntry(orgId, region, baseUrl, null, null)));
    }
}
