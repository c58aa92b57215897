package io.oauthgov.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinInSyncReplicasTest {

    @Test
    void twoCopiesFromThreeReplicasOnNeverAllReplicasAndOneWithoutReplicas() {
        assertThat(TopicProvisioner.minInSyncReplicas(1)).as("a development broker").isEqualTo(1);
        assertThat(TopicProvisioner.minInSyncReplicas(2)).as("losing one of two must not stop writes").isEqualTo(1);
        assertThat(TopicProvisioner.minInSyncReplicas(3)).as("the production setting").isEqualTo(2);
        assertThat(TopicProvisioner.minInSyncReplicas(5)).isEqualTo(2);
    }
}
