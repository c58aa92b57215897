package io.oauthgov.collector.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.genesys.model.AuditEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceMapperTest {
    private static final String ORG = "org-1";
    private static final String CLIENT = "5a8f0c1e-0000-4000-8000-000000000001";
    private static final Instant GRANTED = Instant.parse("2025-06-01T08:15:30Z");
    private static final Instant OBSERVED = Instant.parse("2025-06-02T12:00:00Z");

    /** The fields of a real token-grant entry (see EvidenceMapper#fromAudit for the sources). */
    private static AuditEntry tokenGrant(String clientId, String status) {
        return new AuditEntry("audit-1", null, clientId == null ? null : new AuditEntry.Ref(clientId, null),
                "PeoplePermissions", "SYSTEM", GRANTED, "Create", new AuditEntry.Ref("token-7", null), "AccessToken",
                status, "oauth-client");
    }

    @Test
    void successfulTokenGrantIsUseByTheClientThatGotTheTokenAtTheGrantTime() {
        List<ActivityEvidence> evidence = EvidenceMapper.fromAudit(ORG, tokenGrant(CLIENT, "SUCCESS"), OBSERVED);

        assertThat(evidence).singleElement().satisfies(e -> {
            assertThat(e.getClientId()).isEqualTo(CLIENT);
            assertThat(e.getRelation()).isEqualTo(EvidenceRelation.USED_BY_CLIENT);
            assertThat(e.getSource()).isEqualTo(EvidenceSource.AUDIT);
            assertThat(e.getEventAt()).isEqualTo(GRANTED);
            assertThat(e.getOrgId()).isEqualTo(ORG);
            assertThat(e.getServiceName()).isEqualTo("PeoplePermissions");
            assertThat(e.getAction()).isEqualTo("Create");
        });
    }

    @Test
    void failedTokenGrantIsNotUse() {
        assertThat(EvidenceMapper.fromAudit(ORG, tokenGrant(CLIENT, "FAILURE"), OBSERVED)).isEmpty();
    }

    @Test
    void tokenGrantWithoutAStatusStillCountsAsUseBecauseDoubtfulEvidenceMustNotEnableADelete() {
        assertThat(EvidenceMapper.fromAudit(ORG, tokenGrant(CLIENT, null), OBSERVED))
                .extracting(ActivityEvidence::getRelation).containsExactly(EvidenceRelation.USED_BY_CLIENT);
    }

    @Test
    void tokenGrantWithoutAClientIsNoEvidenceAtAll() {
        assertThat(EvidenceMapper.fromAudit(ORG, tokenGrant(null, "SUCCESS"), OBSERVED)).isEmpty();
    }

    @Test
    void accessTokenEntryIsNeverReadAsAChangeToAClientEvenWhenItsEntityIdIsAClientId() {
        AuditEntry grant = new AuditEntry("audit-2", null, new AuditEntry.Ref(CLIENT, null), "PeoplePermissions",
                "SYSTEM", GRANTED, "Create", new AuditEntry.Ref(CLIENT, "some client"), "AccessToken", "SUCCESS",
                "oauth-client");

        assertThat(EvidenceMapper.fromAudit(ORG, grant, OBSERVED)).extracting(ActivityEvidence::getRelation)
                .containsExactly(EvidenceRelation.USED_BY_CLIENT);
    }

    @Test
    void onlyTokenGrantsAreDiscountedOnFailureAFailedChangeStillShowsTheActorHeldAToken() {
        AuditEntry failedChange = new AuditEntry("audit-3", null, new AuditEntry.Ref(CLIENT, null), "Routing",
                "SYSTEM", GRANTED, "Update", new AuditEntry.Ref("queue-1", "Queue 1"), "Queue", "FAILURE",
                "oauth-client");

        assertThat(EvidenceMapper.fromAudit(ORG, failedChange, OBSERVED)).extracting(ActivityEvidence::getClientId,
                ActivityEvidence::getRelation).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CLIENT, EvidenceRelation.USED_BY_CLIENT));
    }

    @Test
    void changeToAnOAuthClientIsUseOfTheActingClientAndAChangeOfTheChangedOne() {
        String adminUi = "admin-ui-client";
        AuditEntry update = new AuditEntry("audit-4", new AuditEntry.Ref("user-1", "Ada"),
                new AuditEntry.Ref(adminUi, null), "PeoplePermissions", "USER", GRANTED, "Update",
                new AuditEntry.Ref(CLIENT, "billing sync"), "OAuthClient", "SUCCESS", "oauth-client");

        assertThat(EvidenceMapper.fromAudit(ORG, update, OBSERVED)).extracting(ActivityEvidence::getClientId,
                ActivityEvidence::getRelation).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(adminUi, EvidenceRelation.USED_BY_CLIENT),
                        org.assertj.core.groups.Tuple.tuple(CLIENT, EvidenceRelation.CHANGED_CLIENT));
    }
}
