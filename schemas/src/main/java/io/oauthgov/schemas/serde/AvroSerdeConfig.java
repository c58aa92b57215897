package io.oauthgov.schemas.serde;

import io.oauthgov.schemas.registry.RegistryClientSettings;
import io.oauthgov.schemas.registry.RestSchemaRegistryClient;
import io.oauthgov.schemas.registry.SchemaRegistry;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's settings, named as Confluent names them so one properties file configures either implementation.
 * A {@link SchemaRegistry} instance may be passed under {@link #SCHEMA_REGISTRY_INSTANCE} instead of a URL
 * (in-process use); otherwise {@code schema.registry.url} is required, with basic auth and TLS settings as
 * {@link RegistryClientSettings} reads them.
 */
final class AvroSerdeConfig {
    static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    static final String SCHEMA_REGISTRY_INSTANCE = "oauthgov.schema.registry.instance";
    static final String AUTO_REGISTER = "auto.register.schemas";
    static final String KEY_TYPE = "oauthgov.avro.key.type";
    static final String VALUE_TYPE = "oauthgov.avro.value.type";

    private final Map<String, ?> configs;

    AvroSerdeConfig(Map<String, ?> configs) {
        this.configs = configs;
    }

    SchemaRegistry registry() {
        Object instance = configs.get(SCHEMA_REGISTRY_INSTANCE);
        if (instance instanceof SchemaRegistry registry) {
            return registry;
        }
        return new RestSchemaRegistryClient(RegistryClientSettings.fromConfigs(configs));
    }

    boolean autoRegister() {
        Object value = configs.get(AUTO_REGISTER);
        return value == null || Boolean.parseBoolean(value.toString());
    }

    Class<?> targetType(boolean isKey) {
        Object name = configs.get(isKey ? KEY_TYPE : VALUE_TYPE);
        if (name == null) {
            return null;
        }
        if (name instanceof Class<?> type) {
            return type;
        }
        try {
            return Class.forName(name.toString());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(isKey ? KEY_TYPE : VALUE_TYPE, name, "class not found");
        }
    }
}
