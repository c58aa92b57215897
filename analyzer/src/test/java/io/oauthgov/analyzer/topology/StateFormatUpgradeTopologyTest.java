package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.ORG;
import static io.oauthgov.analyzer.Fixtures.approval;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.Fixtures;
import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Notice;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * An analyzer upgraded in place: its RocksDB stores (and their changelogs) still hold the JSON values the previous
 * release wrote. This release must read them as they are, act on them, and write binary from then on.
 */
class StateFormatUpgradeTopologyTest extends AnalyzerTopologyFixture {
    private static final String CLIENT = "c-upgraded";

    /** The store's bytes under its metering layer: what RocksDB holds and the changelog receives. */
    @SuppressWarnings("unchecked")
    private KeyValueStore<Bytes, byte[]> raw(String store) {
        return (KeyValueStore<Bytes, byte[]>) ((WrappedStateStore<?, ?, ?>) a.driver.getKeyValueStore(store)).wrapped();
    }

    private Bytes rawKey() {
        return Bytes.wrap(a.topics.clients().keySerde().serializer().serialize(a.topics.clients().name(), key(CLIENT)));
    }

    /** Rewrites a value the way the previous release stored it: Jackson JSON with ISO-8601 instants. */
    private <T> void writeAsPreviousRelease(String store, Class<T> type) {
        T value = a.<T>store(store).get(key(CLIENT));
        assertThat(value).as("%s holds the client", store).isNotNull();
        raw(store).put(rawKey(), new JsonSerde<>(type).serializer().serialize("changelog", value));
    }

    private byte firstStoredByte(String store) {
        return raw(store).get(rawKey())[0];
    }

    private List<byte[]> changelogValues(String store) {
        TestOutputTopic<byte[], byte[]> changelog = a.driver.createOutputTopic("analyzer-test-" + store + "-changelog",
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return changelog.readValuesToList();
    }

    @Test
    void storesWrittenAsJsonByThePreviousReleaseAreReadAndRewrittenInBinary() {
        startDriver(Fixtures.policyWithoutNoticePeriod()).collected();
        a.integrations.pipeInput(key(CLIENT), integration(CLIENT, false, a.now));
        a.activity.pipeInput(key(CLIENT), usage(CLIENT, a.now.minus(days(200)), 10));
        a.clients.pipeInput(key(CLIENT), client(CLIENT, a.now).build());
        DeletionCandidate candidate = a.candidateRecords().get(0).value;
        a.riskEvents();
        ActivityAggregate activityBefore = a.<ActivityAggregate>store(GovernanceTopology.ACTIVITY_STORE).get(key(CLIENT));

        writeAsPreviousRelease(GovernanceTopology.VERDICTS_STORE, StoredVerdict.class);
        writeAsPreviousRelease(GovernanceTopology.ACTIVITY_STORE, ActivityAggregate.class);
        assertThat(firstStoredByte(GovernanceTopology.VERDICTS_STORE)).isEqualTo(VersionedStateSerde.LEGACY_JSON);
        assertThat(firstStoredByte(GovernanceTopology.ACTIVITY_STORE)).isEqualTo(VersionedStateSerde.LEGACY_JSON);

        // The clock re-evaluates the client against its JSON verdict: nothing changed, so nothing is emitted again.
        a.advance(Duration.ofMinutes(1));
        assertThat(a.candidateRecords()).as("the JSON verdict is read as the same live candidate").isEmpty();
        assertThat(a.riskEvents()).isEmpty();
        for (String store : List.of(GovernanceTopology.VERDICTS_STORE, GovernanceTopology.ACTIVITY_STORE)) {
            assertThat(changelogValues(store)).as("%s's changelog holds the previous release's JSON last", store)
                    .last().satisfies(value -> assertThat(value[0]).isEqualTo(VersionedStateSerde.LEGACY_JSON));
        }

        // A notice and an older usage row change both values: each is written back in binary.
        a.notices.pipeInput(key(CLIENT), Notice.newBuilder().setOrgId(ORG).setClientId(CLIENT)
                .setCandidateId(candidate.getCandidateId()).setFingerprint(candidate.getFingerprint())
                .setDigestId("digest-1").setRecipient("payments@example.com").setOwner("payments-team")
                .setChannels(List.of("EMAIL")).setNoticedAt(a.now).setEligibleAt(candidate.getEligibleAt()).build());
        a.activity.pipeInput(key(CLIENT), usage(CLIENT, a.now.minus(days(250)), 5));

        assertThat(firstStoredByte(GovernanceTopology.VERDICTS_STORE)).isEqualTo(VersionedStateSerde.VERSION);
        assertThat(firstStoredByte(GovernanceTopology.ACTIVITY_STORE)).isEqualTo(VersionedStateSerde.VERSION);
        StoredVerdict upgraded = a.<StoredVerdict>store(GovernanceTopology.VERDICTS_STORE).get(key(CLIENT));
        assertThat(upgraded.candidate().candidateId()).isEqualTo(candidate.getCandidateId());
        assertThat(upgraded.candidate().noticedAt()).isEqualTo(a.now);
        ActivityAggregate activity = a.<ActivityAggregate>store(GovernanceTopology.ACTIVITY_STORE).get(key(CLIENT));
        assertThat(activity.requestsPerDay()).containsAllEntriesOf(activityBefore.requestsPerDay()).hasSize(2);
        assertThat(activity.lastUsedAt()).isEqualTo(activityBefore.lastUsedAt());
        for (String store : List.of(GovernanceTopology.VERDICTS_STORE, GovernanceTopology.ACTIVITY_STORE)) {
            assertThat(changelogValues(store)).as("what %s's changelog received after the upgrade", store)
                    .isNotEmpty().allSatisfy(value -> assertThat(value[0]).isEqualTo(VersionedStateSerde.VERSION));
        }

        // The gate judges an approval against the upgraded candidate.
        a.approvals.pipeInput(key(CLIENT), approval("appr-upgraded", CLIENT, candidate.getCandidateId(),
                candidate.getFingerprint(), a.now).build());
        List<ApprovedDeletion> approved = a.approvedDeletions().stream().map(kv -> kv.value).toList();
        assertThat(approved).hasSize(1);
        assertThat(approved.get(0).getCandidateId()).isEqualTo(candidate.getCandidateId());
        assertThat(a.rejections()).isEmpty();
    }
}
