package io.oauthgov.cli.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a deployment file's keys may be overridden with, in one table. The environment is read
 * once, by {@link DeploymentConfigLoader}, into the configuration object; no stage reads it on its own.
 */
public final class ConfigEnvironment {
    public static final String BOOTSTRAP_SERVERS = "OAUTHGOV_BOOTSTRAP_SERVERS";
    public static final String SCHEMA_REGISTRY_URL = "OAUTHGOV_SCHEMA_REGISTRY_URL";
    public static final String POLICY_FILE = "OAUTHGOV_POLICY_FILE";
    public static final String APPROVAL_KEY_FILE = "OAUTHGOV_APPROVAL_KEY_FILE";
    /** The approval HMAC key itself; only from the environment, never a file key (see {@code ApprovalKeys}). */
    public static final String APPROVAL_KEY = "OAUTHGOV_APPROVAL_HMAC_KEY";
    /**
     * The schema registry's HTTP basic credentials ({@code user:password}); only from the environment or the client
     * properties file ({@code basic.auth.user.info}), never a key of the deployment file. The environment wins.
     */
    public static final String SCHEMA_REGISTRY_USER_INFO = "OAUTHGOV_SCHEMA_REGISTRY_USER_INFO";
    /** One org from the environment when the file lists none (with GENESYSCLOUD_OAUTHCLIENT_ID/_SECRET). */
    public static final String ORG_ID = "OAUTHGOV_ORG_ID";
    public static final String REGION = "GENESYSCLOUD_REGION";
    public static final String BASE_URL = "OAUTHGOV_GENESYS_BASE_URL";
    /** Where {@code --config} is found when the flag is not given. */
    public static final String CONFIG_FILE = "OAUTHGOV_CONFIG";

    /** Variable to the dotted key it overrides. */
    public static final Map<String, String> OVERRIDES;

    static {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(BOOTSTRAP_SERVERS, "kafka.bootstrapServers");
        overrides.put(SCHEMA_REGISTRY_URL, "kafka.schemaRegistryUrl");
        overrides.put(POLICY_FILE, "policyFile");
        overrides.put(APPROVAL_KEY_FILE, "approvals.keyFile");
        OVERRIDES = Map.copyOf(overrides);
    }

    private ConfigEnvironment() {}
}
