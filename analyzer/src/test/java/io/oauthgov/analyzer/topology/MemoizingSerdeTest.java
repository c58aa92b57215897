package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topics;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class MemoizingSerdeTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private final Serde<SnapshotManifest> avro = Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry())).snapshots().valueSerde();
    private final AtomicInteger decodes = new AtomicInteger();
    private final MemoizingSerde<SnapshotManifest> serde = new MemoizingSerde<>(Serdes.serdeFrom(avro.serializer(),
            (Deserializer<SnapshotManifest>) (topic, bytes) -> {
                decodes.incrementAndGet();
                return avro.deserializer().deserialize(topic, bytes);
            }));

    private byte[] bytesOf(SnapshotManifest manifest) {
        return serde.serializer().serialize("genesys.oauth.snapshots", manifest);
    }

    @Test
    void theSameBytesAreDecodedOnceHoweverOftenTheyAreRead() {
        byte[] stored = bytesOf(manifest("snap-1", true, NOW));

        for (int client = 0; client < 1_000; client++) {
            assertThat(serde.deserializer().deserialize("genesys.oauth.snapshots", stored.clone()).getSnapshotId())
                    .isEqualTo("snap-1");
        }

        assertThat(decodes).hasValue(1);
    }

    @Test
    void changedBytesAreDecodedAnewEvenWhenOnlyOneFlagDiffers() {
        Deserializer<SnapshotManifest> reader = serde.deserializer();
        assertThat(reader.deserialize("t", bytesOf(manifest("snap-1", false, NOW))).getVerified()).isFalse();

        assertThat(reader.deserialize("t", bytesOf(manifest("snap-1", true, NOW))).getVerified()).isTrue();
        assertThat(reader.deserialize("t", bytesOf(manifest("snap-1", false, NOW))).getVerified()).isFalse();
        assertThat(decodes).hasValue(2);
    }

    @Test
    void churnBeyondTheBoundStartsAfreshInsteadOfGrowing() {
        for (int i = 0; i <= MemoizingSerde.MAX_VALUES; i++) {
            serde.deserializer().deserialize("t", bytesOf(manifest("snap-" + i, true, NOW)));
        }

        assertThat(serde.size()).isLessThanOrEqualTo(MemoizingSerde.MAX_VALUES).isPositive();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}
