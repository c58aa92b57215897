package io.oauthgov.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * How {@link RestSchemaRegistryClient} reaches a registry: its URL, HTTP basic credentials and TLS material, read
 * from the same properties Confluent's serializers read, so one client properties file configures both:
 *
 * <ul>
 *   <li>{@code schema.registry.url} (the first of a comma-separated list);</li>
 *   <li>{@code basic.auth.credentials.source} {@code USER_INFO} (the default when credentials are given) with
 *       {@code basic.auth.user.info} (or {@code schema.registry.basic.auth.user.info}) as {@code user:password}, or
 *       {@code URL} with the credentials in the URL ({@code https://user:password@host});</li>
 *   <li>{@code schema.registry.ssl.truststore.location}/{@code .password}/{@code .type} (PKCS12 by default) to trust
 *       a private CA, and {@code schema.registry.ssl.keystore.location}/{@code .password}/{@code .type} and
 *       {@code schema.registry.ssl.key.password} for mutual TLS. Host names are always verified.</li>
 * </ul>
 *
 * The credentials never appear in {@link #toString()}, {@link #displayUrl()} or any message.
 */
public record RegistryClientSettings(URI baseUri, String userInfo, SSLContext sslContext, Duration timeout) {
    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String PREFIXED_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** A registry without credentials or a private CA. */
    public static RegistryClientSettings of(String url) {
        return fromConfigs(Map.of(URL, url));
    }

    public static RegistryClientSettings fromConfigs(Map<String, ?> configs) {
        String url = text(configs, URL);
        if (url == null || url.isBlank()) {
            throw new ConfigException("Missing " + URL + " (e.g. http://localhost:8081)");
        }
        url = url.split(",")[0].trim();
        if (!(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new ConfigException(URL, redact(url), "must start with http:// or https://");
        }
        URI uri = URI.create(url.endsWith("/") ? url : url + "/");
        String source = text(configs, CREDENTIALS_SOURCE);
        String userInfo = text(configs, USER_INFO) != null ? text(configs, USER_INFO) : text(configs, PREFIXED_USER_INFO);
        String mode = source == null ? (userInfo != null ? "USER_INFO" : "URL") : source.trim().toUpperCase(Locale.ROOT);
        switch (mode) {
            case "USER_INFO" -> {
                if (userInfo == null || !userInfo.contains(":")) {
                    throw new ConfigException(USER_INFO, "(hidden)", CREDENTIALS_SOURCE
                            + "=USER_INFO needs " + USER_INFO + " as user:password");
                }
            }
            case "URL" -> userInfo = uri.getRawUserInfo() == null ? null : java.net.URLDecoder.decode(uri.getRawUserInfo(),
                    java.nio.charset.StandardCharsets.UTF_8);
            default -> throw new ConfigException(CREDENTIALS_SOURCE, source, "this client supports USER_INFO and URL");
        }
        URI withoutCredentials = URI.create(uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("^.*@", "")
                + uri.getRawPath());
        return new RegistryClientSettings(withoutCredentials, userInfo, sslContext(configs), DEFAULT_TIMEOUT);
    }

    public RegistryClientSettings withTimeout(Duration value) {
        return new RegistryClientSettings(baseUri, userInfo, sslContext, value);
    }

    /** The URL without credentials, for messages. */
    public String displayUrl() {
        return baseUri.toString();
    }

    @Override
    public String toString() {
        return "RegistryClientSettings[" + displayUrl() + ", basicAuth=" + (userInfo != null) + ", customTls="
                + (sslContext != null) + "]";
    }

    private static SSLContext sslContext(Map<String, ?> configs) {
        String trustLocation = text(configs, TRUSTSTORE_LOCATION);
        String keyLocation = text(configs, KEYSTORE_LOCATION);
        if (trustLocation == null && keyLocation == null) {
            return null;
        }
        try {
            TrustManagerFactory trust = null;
            if (trustLocation != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(trustLocation, text(configs, TRUSTSTORE_TYPE), text(configs, TRUSTSTORE_PASSWORD), TRUSTSTORE_LOCATION));
            }
            KeyManagerFactory keys = null;
            if (keyLocation != null) {
                String storePassword = text(configs, KEYSTORE_PASSWORD);
                String keyPassword = text(configs, KEY_PASSWORD) != null ? text(configs, KEY_PASSWORD) : storePassword;
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyLocation, text(configs, KEYSTORE_TYPE), storePassword, KEYSTORE_LOCATION),
                        keyPassword == null ? new char[0] : keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS to the schema registry: " + e.getClass().getSimpleName()
                    + " (check the " + TRUSTSTORE_LOCATION + " / " + KEYSTORE_LOCATION + " stores and their types)");
        }
    }

    private static KeyStore load(String location, String type, String password, String key) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type == null ? "PKCS12" : type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            // A wrong password surfaces as an IOException too; its message never contains the password.
            throw new ConfigException(key, location, "cannot be read: " + e.getMessage());
        }
        return store;
    }

    private static String text(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value instanceof org.apache.kafka.common.config.types.Password password) {
            return password.value();
        }
        return value == null ? null : value.toString();
    }

    private static String redact(String url) {
        return url.replaceFirst("//[^/@]*@", "//(credentials hidden)@");
    }
}
