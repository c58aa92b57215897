package io.oauthgov.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.schemas.topics.TopicAccess.Role;
import org.junit.jupiter.api.Test;

class TopicAccessTest {

    @Test
    void everyCatalogTopicNamesItsWritersAndReaders() {
        assertThat(TopicCatalog.ALL).allSatisfy(t -> {
            assertThat(TopicAccess.of(t).writers()).as(t.name()).isNotEmpty();
            assertThat(TopicAccess.of(t).readers()).as(t.name()).isNotEmpty();
        });
    }

    @Test
    void onlyTheRegistryWritesProtectionsOnlyOperatorsTheKillSwitchOnlyTheGateApprovedDeletions() {
        assertThat(TopicAccess.of(TopicCatalog.INTEGRATIONS).writers()).containsExactly(Role.REGISTRY);
        assertThat(TopicAccess.of(TopicCatalog.CONTROL).writers()).containsExactly(Role.OPERATOR);
        assertThat(TopicAccess.of(TopicCatalog.DELETIONS_APPROVED).writers()).containsExactly(Role.ANALYZER);
        assertThat(TopicAccess.of(TopicCatalog.APPROVALS).writers()).containsExactly(Role.APPROVER);
        assertThat(TopicAccess.of(TopicCatalog.OUTCOMES).writers()).containsExactly(Role.EXECUTOR);
    }

    @Test
    void theExecutorReadsWhatItMustVerifyAgainst() {
        for (TopicSpec<?, ?> t : new TopicSpec<?, ?>[] {TopicCatalog.DELETIONS_APPROVED, TopicCatalog.INTEGRATIONS,
                TopicCatalog.CONTROL, TopicCatalog.ACTIVITY, TopicCatalog.OUTCOMES, TopicCatalog.QUARANTINE}) {
            assertThat(TopicAccess.of(t).readers()).as(t.name()).contains(Role.EXECUTOR);
        }
    }
}
