package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.ORG;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.Fixtures;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.RejectionReason;
import org.junit.jupiter.api.Test;

/**
 * The org's snapshot manifest is decoded once per change, not per client (MemoizingSerde on the global table):
 * every client still sees the manifest the table holds at that moment.
 */
class ManifestChangeTopologyTest extends AnalyzerTopologyFixture {

    private OAuthClientSnapshot clientOf(String clientId, String snapshotId) {
        return client(clientId, a.now).setSnapshotId(snapshotId).build();
    }

    private long unverifiedRejections() {
        return a.rejections().stream().filter(kv -> kv.value.getReason() == RejectionReason.UNVERIFIED_SNAPSHOT).count();
    }

    @Test
    void eachClientIsJudgedAgainstTheManifestTheTableHoldsWhenItArrives() {
        startDriver(Fixtures.policyWithoutNoticePeriod()).collected();

        a.manifests.pipeInput(new OrgKey(ORG), manifest("snap-1", false, a.now));
        a.clients.pipeInput(key("c-1"), clientOf("c-1", "snap-1"));
        a.clients.pipeInput(key("c-2"), clientOf("c-2", "snap-1"));
        assertThat(unverifiedRejections()).as("both clients of the unverified snapshot").isEqualTo(2);

        // The same snapshot id, now verified: a cache keyed by snapshot id alone would still refuse it.
        a.manifests.pipeInput(new OrgKey(ORG), manifest("snap-1", true, a.now));
        a.clients.pipeInput(key("c-1"), clientOf("c-1", "snap-1"));
        assertThat(unverifiedRejections()).isZero();
        assertThat(a.<OAuthClientSnapshot>store(GovernanceTopology.CLIENTS_STORE).get(key("c-1"))).isNotNull();

        a.manifests.pipeInput(new OrgKey(ORG), manifest("snap-2", false, a.now.plusSeconds(60)));
        a.clients.pipeInput(key("c-3"), clientOf("c-3", "snap-2"));
        a.clients.pipeInput(key("c-1"), clientOf("c-1", "snap-1"));
        assertThat(unverifiedRejections()).as("only the client of the new unverified snapshot").isEqualTo(1);
    }
}
