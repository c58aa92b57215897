package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.auditChange;
import static io.oauthgov.analyzer.Fixtures.auditUse;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.endpointUsage;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The per-client state values in their versioned binary form, and the JSON form of the previous release. */
class StateSerdesTest {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00.123Z");
    private static final Serde<ActivityAggregate> ACTIVITY = StateSerdes.activity();
    private static final Serde<StoredVerdict> VERDICTS = StateSerdes.verdicts();

    private static ActivityAggregate everyField() {
        return ActivityAggregate.EMPTY
                .with(usage("c", NOW.minus(days(40)), 7))
                .with(endpointUsage("c", NOW.minus(days(1)), "PATCH", "api/v2/users/{userId}", 3))
                .with(endpointUsage("c", NOW.minus(days(1)), "GET", "api/v2/users", 30))
                .with(endpointUsage("c", NOW.minus(days(2)), "POST", "api/v2/analytics/conversations/details/query", 9))
                .with(auditUse("c", NOW.minus(days(3))))
                .with(auditChange("c", NOW, "Bob"));
    }

    private static StoredVerdict candidateVerdict() {
        return new StoredVerdict("STALE_UNUSED:HIGH", true, new StoredVerdict.CandidateState("org/c/0123456789abcdef",
                "f".repeat(64), NOW.minus(days(2)), "collection-7", NOW.minus(days(1))), NOW.plus(days(30)));
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", value));
    }

    @Test
    void activityAggregateKeepsEveryFieldThroughTheBinaryForm() {
        ActivityAggregate aggregate = everyField();
        assertThat(aggregate.lastUsageAt()).isNotNull();
        assertThat(aggregate.lastAuditUseAt()).isNotNull();
        assertThat(aggregate.lastChangedBy()).isNotNull();
        assertThat(aggregate.endpointRequestsByDay()).hasSize(2);

        assertThat(roundTrip(ACTIVITY, aggregate)).isEqualTo(aggregate);
    }

    @Test
    void emptyAggregateKeepsItsNullsThroughTheBinaryForm() {
        assertThat(roundTrip(ACTIVITY, ActivityAggregate.EMPTY)).isEqualTo(ActivityAggregate.EMPTY);
    }

    @Test
    void fourHundredDaysOfUsageKeepTheirDaysThroughTheBinaryForm() {
        ActivityAggregate aggregate = ActivityAggregate.EMPTY;
        for (int d = 0; d < ActivityAggregate.MAX_DAYS; d++) {
            aggregate = aggregate.with(endpointUsage("c", NOW.minus(days(d)), "GET", "api/v2/users", d + 1));
        }

        ActivityAggregate read = roundTrip(ACTIVITY, aggregate);

        assertThat(read).isEqualTo(aggregate);
        assertThat(read.requestsPerDay()).hasSize(ActivityAggregate.MAX_DAYS).containsKey("2025-09-28");
    }

    @Test
    void verdictKeepsItsCandidateAndSnoozeThroughTheBinaryForm() {
        assertThat(roundTrip(VERDICTS, candidateVerdict())).isEqualTo(candidateVerdict());
    }

    @Test
    void verdictKeepsItsNullsThroughTheBinaryForm() {
        StoredVerdict withoutCandidate = new StoredVerdict("", false, null, null);
        StoredVerdict unnoticedCandidate = new StoredVerdict("STALE_UNUSED:HIGH", true, new StoredVerdict.CandidateState(
                "org/c/0123456789abcdef", "a".repeat(64), NOW, null, null), null);

        assertThat(roundTrip(VERDICTS, withoutCandidate)).isEqualTo(withoutCandidate);
        assertThat(roundTrip(VERDICTS, unnoticedCandidate)).isEqualTo(unnoticedCandidate);
    }

    @Test
    void valuesAreWrittenBehindTheFormatVersionWithInstantsAsEpochMillis() {
        byte[] binary = VERDICTS.serializer().serialize("t", candidateVerdict());
        byte[] json = new JsonSerde<>(StoredVerdict.class).serializer().serialize("t", candidateVerdict());

        assertThat(binary[0]).isEqualTo(VersionedStateSerde.VERSION);
        assertThat(new String(binary, StandardCharsets.ISO_8859_1)).doesNotContain("2026-");
        assertThat(binary.length).as("binary %d bytes against JSON %d", binary.length, json.length).isLessThan(json.length / 2);
    }

    @Test
    void jsonWrittenByThePreviousReleaseIsReadAndRewrittenInBinary() {
        byte[] oldActivity = new JsonSerde<>(ActivityAggregate.class).serializer().serialize("t", everyField());
        byte[] oldVerdict = new JsonSerde<>(StoredVerdict.class).serializer().serialize("t", candidateVerdict());
        assertThat(oldActivity[0]).isEqualTo(VersionedStateSerde.LEGACY_JSON);

        ActivityAggregate activity = ACTIVITY.deserializer().deserialize("t", oldActivity);
        StoredVerdict verdict = VERDICTS.deserializer().deserialize("t", oldVerdict);

        assertThat(activity).isEqualTo(everyField());
        assertThat(verdict).isEqualTo(candidateVerdict());
        assertThat(ACTIVITY.serializer().serialize("t", activity)[0]).isEqualTo(VersionedStateSerde.VERSION);
    }

    @Test
    void jsonOfAVerdictWrittenBeforeNoticesAndCoverageIsReadWithNulls() {
        String beforeNotices = "{\"signature\":\"STALE_UNUSED:HIGH\",\"hadFindings\":true,\"candidate\":{\"candidateId\":"
                + "\"org/c/0123456789abcdef\",\"fingerprint\":\"ff\",\"proposedAt\":\"2026-10-30T12:00:00.123Z\"},\"snoozedUntil\":null}";

        StoredVerdict verdict = VERDICTS.deserializer().deserialize("t", beforeNotices.getBytes(StandardCharsets.UTF_8));

        assertThat(verdict.candidate().proposedAt()).isEqualTo(NOW.minus(days(2)));
        assertThat(verdict.candidate().collectionId()).isNull();
        assertThat(verdict.candidate().noticedAt()).isNull();
    }

    @Test
    void daysAreReadAsTheirIsoDatesWouldBe() {
        for (long epochDay = -800_000; epochDay <= 800_000; epochDay += 997) {
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(epochDay);
            assertThat(StateSerdes.epochDay(date.toString())).as(date.toString()).isEqualTo(epochDay);
        }
        assertThat(StateSerdes.epochDay("+12026-11-01")).isEqualTo(java.time.LocalDate.parse("+12026-11-01").toEpochDay());
        assertThatThrownBy(() -> StateSerdes.epochDay("2026-02-30")).isInstanceOf(java.time.DateTimeException.class);
    }

    @Test
    void aFormatVersionFromANewerAnalyzerIsRefusedWithAHint() {
        byte[] newer = VERDICTS.serializer().serialize("t", candidateVerdict());
        newer[0] = 2;

        assertThatThrownBy(() -> VERDICTS.deserializer().deserialize("t", newer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 2").hasMessageContaining("newer analyzer")
                .hasMessageNotContaining("f".repeat(64));
    }
}
