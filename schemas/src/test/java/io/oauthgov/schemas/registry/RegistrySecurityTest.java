package io.oauthgov.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.schemas.serde.AvroSerde;
import io.oauthgov.avro.OrgKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry as production runs one: HTTPS with a private CA and HTTP basic auth. The client is configured with
 * Confluent's property names ({@code basic.auth.user.info}, {@code schema.registry.ssl.truststore.*}), so the same
 * client properties file serves Confluent's serdes and oauthgov's. The certificate is made by the JDK's keytool.
 */
class RegistrySecurityTest {
    private static final String USER_INFO = "oauthgov-analyzer:s3cret-Registry-pw";
    private static final Schema THING = new Schema.Parser().parse("""
            {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"a","type":"string"}]}""");

    @TempDir
    static Path dir;
    private static Path truststore;
    private static SchemaRegistryServer server;

    @BeforeAll
    static void startSecuredRegistry() throws Exception {
        Path keystore = dir.resolve("registry.p12");
        truststore = dir.resolve("truststore.p12");
        Path certificate = dir.resolve("registry.crt");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-alias", "registry", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry-ca", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", "trustpass");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        server = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0, new SchemaRegistryServer.Security(USER_INFO, tls));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clientWithTheTruststoreAndCredentialsRegistersAndReads() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientSettings.fromConfigs(configs(USER_INFO)));

        int id = client.register("secured-value", THING);

        assertThat(server.url()).startsWith("https://");
        assertThat(new RestSchemaRegistryClient(RegistryClientSettings.fromConfigs(configs(USER_INFO))).schemaById(id)).isEqualTo(THING);
    }

    @Test
    void avroSerdeConfiguredWithConfluentPropertyNamesReachesTheSecuredRegistry() {
        Map<String, Object> configs = configs(USER_INFO);
        configs.put("oauthgov.avro.key.type", OrgKey.class);
        try (AvroSerde<OrgKey> serde = new AvroSerde<>()) {
            serde.configure(configs, true);

            byte[] bytes = serde.serializer().serialize("secured", new OrgKey("org-1"));

            assertThat(serde.deserializer().deserialize("secured", bytes)).isEqualTo(new OrgKey("org-1"));
        }
    }

    @Test
    void missingCredentialsAreA401ThatNamesTheSetting() {
        Map<String, Object> configs = configs(null);

        assertThatThrownBy(() -> new RestSchemaRegistryClient(RegistryClientSettings.fromConfigs(configs)).subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(401))
                .hasMessageContaining("basic.auth.user.info");
    }

    @Test
    void wrongPasswordIsRefusedAndNoPasswordAppearsInTheMessage() {
        Map<String, Object> configs = configs("oauthgov-analyzer:wrong-guess");

        assertThatThrownBy(() -> new RestSchemaRegistryClient(RegistryClientSettings.fromConfigs(configs)).subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(401))
                .hasMessageContaining("were refused")
                .hasMessageNotContaining("wrong-guess");
    }

    @Test
    void withoutTheTruststoreThePrivateCaIsNotTrusted() {
        Map<String, Object> configs = new HashMap<>(Map.of(RegistryClientSettings.URL, server.url(),
                RegistryClientSettings.USER_INFO, USER_INFO));

        assertThatThrownBy(() -> new RestSchemaRegistryClient(RegistryClientSettings.fromConfigs(configs)).subjects())
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("unreachable")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void credentialsInTheUrlAreSentAndNeverShown() {
        String url = server.url().replace("https://", "https://oauthgov-analyzer:s3cret-Registry-pw@");
        Map<String, Object> configs = configs(null);
        configs.put(RegistryClientSettings.URL, url);
        configs.put(RegistryClientSettings.CREDENTIALS_SOURCE, "URL");

        RegistryClientSettings settings = RegistryClientSettings.fromConfigs(configs);

        assertThat(new RestSchemaRegistryClient(settings).subjects()).isNotNull();
        assertThat(settings.displayUrl()).doesNotContain("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    private static Map<String, Object> configs(String userInfo) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(RegistryClientSettings.URL, server.url());
        configs.put(RegistryClientSettings.TRUSTSTORE_LOCATION, truststore.toString());
        configs.put(RegistryClientSettings.TRUSTSTORE_PASSWORD, "trustpass");
        if (userInfo != null) {
            configs.put(RegistryClientSettings.CREDENTIALS_SOURCE, "USER_INFO");
            configs.put(RegistryClientSettings.USER_INFO, userInfo);
        }
        return configs;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
