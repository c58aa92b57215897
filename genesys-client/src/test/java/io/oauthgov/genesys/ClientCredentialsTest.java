package io.oauthgov.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {

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
