package io.oauthgov.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCredentialsTest {
    @TempDir
    Path dir;

    private Path credentials(String mode) throws Exception {
        Path file = Files.writeString(dir.resolve("creds-" + mode + ".properties"), "clientId=id-1\nclientSecret=s3cr3t-value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void readsAnOwnerOnlyCredentialsFile() throws Exception {
        assertThat(ClientCredentials.fromFile(credentials("rw-------")).clientId()).isEqualTo("id-1");
        assertThat(ClientCredentials.fromFile(credentials("r--------")).clientId()).isEqualTo("id-1");
    }

    @Test
    void refusesACredentialsFileOthersMayReadOrWriteAsSshDoes() throws Exception {
        for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw----rw-", "rw--w----"}) {
            Path file = credentials(mode);
            assertThatThrownBy(() -> ClientCredentials.fromFile(file)).as(mode)
                    .isInstanceOf(SecretFiles.SecretFileException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining(mode).hasMessageNotContaining("s3cr3t-value")
                    .satisfies(e -> assertThat(((SecretFiles.SecretFileException) e).hint()).contains("chmod 600"));
        }
    }

    @Test
    void acceptsAWorldReadableFileOnlyWhenExplicitlyAllowed() throws Exception {
        Path file = credentials("rw-r--r--");

        assertThat(ClientCredentials.fromFile(file, SecretFiles.insecureAllowed(Map.of(SecretFiles.ALLOW_INSECURE_ENV, "true"))).clientId())
                .isEqualTo("id-1");
        assertThat(SecretFiles.insecureAllowed(Map.of())).isFalse();
        assertThat(SecretFiles.insecureAllowed(Map.of(SecretFiles.ALLOW_INSECURE_ENV, "no"))).isFalse();
    }

    @Test
    void aMissingCredentialsFileIsNamedWithAHint() {
        Path missing = dir.resolve("absent.properties");

        assertThatThrownBy(() -> ClientCredentials.fromFile(missing)).isInstanceOf(SecretFiles.SecretFileException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(new ClientCredentials("id-1", "s3cr3t-value").toString()).contains("id-1").doesNotContain("s3cr3t-value");
    }

    @Test
    void missingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> ClientCredentials.fromEnvironment(Map.of(ClientCredentials.ENV_CLIENT_ID, "x")))
                .hasMessageContaining(ClientCredentials.ENV_CLIENT_SECRET);
    }

    @Test
    void regionAcceptsIdOrDomainAndNamesTheKnownOnesOtherwise() {
        assertThat(GenesysRegion.of("eu-west-1")).isEqualTo(GenesysRegion.EU_WEST_1);
        assertThat(GenesysRegion.of("mypurecloud.de").endpoints().apiBase().toString()).isEqualTo("https://api.mypurecloud.de");
        assertThatThrownBy(() -> GenesysRegion.of("mars-1")).hasMessageContaining("us-east-1");
    }
}
