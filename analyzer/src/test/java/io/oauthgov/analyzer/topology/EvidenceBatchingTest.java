package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.ORG;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.Fixtures;
import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.analyzer.evaluation.OrgCoverage;
import io.oauthgov.analyzer.metrics.AnalyzerMetrics;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the evaluator holds until its task commits (evidence folded per client, {@link PendingEvidence}; proposals
 * counted per org, {@link PendingProposals}), seen without a test driver: {@code TopologyTestDriver} commits after
 * every record, so there every record is its own batch (and the other topology tests see exactly the old
 * behaviour). Here the commit is the test's call to {@link PendingEvidence#flushCache()}, as {@code StreamTask}
 * makes it before each commit, so a burst within one commit interval can be seen as one.
 */
class EvidenceBatchingTest {
    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    private static final int ROWS = 25;

    private MockProcessorContext<ClientKey, Output> context;
    private KeyValueStore<ClientKey, ActivityAggregate> activity;
    private PendingEvidence pending;

    @BeforeEach
    void judgeableOrgWithOneNeverUsedCandidate() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(START.toEpochMilli());
        // A mock context names no changelog topic, so each store gets its own registry: one subject would not fit all.
        store(GovernanceTopology.CLIENTS_STORE, t -> t.clients().keySerde(), t -> t.clients().valueSerde());
        activity = store(GovernanceTopology.ACTIVITY_STORE, t -> t.clients().keySerde(), t -> StateSerdes.activity());
        store(GovernanceTopology.INTEGRATIONS_STORE, t -> t.clients().keySerde(), t -> t.integrations().valueSerde());
        store(GovernanceTopology.VERDICTS_STORE, t -> t.clients().keySerde(), t -> StateSerdes.verdicts());
        store(GovernanceTopology.COVERAGE_STORE, t -> t.snapshots().keySerde(), t -> new JsonSerde<>(OrgCoverage.class));
        store(GovernanceTopology.MANIFESTS_STORE, t -> t.snapshots().keySerde(), t -> t.snapshots().valueSerde());
        store(GovernanceTopology.AUTHORIZATION_STORE, t -> t.authorization().keySerde(), t -> t.authorization().valueSerde());
        pending = PendingEvidence.builder(GovernanceTopology.PENDING_EVIDENCE_STORE).build();
        register(pending);
        ClientEvaluator evaluator = evaluator();

        evaluator.process(new Record<>(OrgWide.key(ORG), new Input.IntegrationChanged(Fixtures.importMarker(START)), 0L));
        evaluator.process(new Record<>(OrgWide.key(ORG), new Input.Evidence(Fixtures.coverage("collection-1",
                START.minus(days(400)), START, 1_000, START)), 0L));
        OAuthClientSnapshot snapshot = client("c1", START).build();
        evaluator.process(new Record<>(key("c1"), new Input.ClientChanged(snapshot), 0L));
        assertThat(candidates()).as("never used in 400 days: proposed").hasSize(1);
        context.resetForwards();
    }

    @Test
    void aBurstOfUsageRowsOfOneClientIsOneAggregateWriteAndAtMostOneVerdictChange() {
        ClientEvaluator evaluator = current;
        double before = evaluations();
        for (ActivityEvidence row : dailyRows("c1")) {
            evaluator.process(new Record<>(key("c1"), new Input.Evidence(row), 0L));
        }
        assertThat(evaluations()).as("not evaluated before the commit").isEqualTo(before);
        assertThat(activity.get(key("c1"))).as("nothing is written before the commit").isNull();
        assertThat(context.forwarded()).as("nor emitted").isEmpty();

        pending.flushCache(); // the task is about to commit

        assertThat(activity.get(key("c1")).lastUsedAt()).isEqualTo(lastRowDay());
        assertThat(evaluations() - before).as("one evaluation for %d rows", ROWS).isEqualTo(1.0);
        List<DeletionCandidate> candidates = candidates();
        assertThat(candidates).as("one re-proposal for the burst, not one per row (each row moved lastUsedAt)").hasSize(1);
        assertThat(candidates.get(0).getLastUsedAt()).isEqualTo(lastRowDay());
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void anyOtherRecordIsJudgedOnlyAfterTheEvidenceReadBeforeIt() {
        ClientEvaluator evaluator = current;
        for (ActivityEvidence row : dailyRows("c1")) {
            evaluator.process(new Record<>(key("c1"), new Input.Evidence(row), 0L));
        }
        // the collection's coverage follows its evidence on the same partition, within the same commit interval
        evaluator.process(new Record<>(OrgWide.key(ORG), new Input.Evidence(Fixtures.coverage("collection-2",
                START.minus(days(400)), START, 1_000, START)), 0L));

        assertThat(activity.get(key("c1")).lastUsedAt()).as("applied before the coverage was").isEqualTo(lastRowDay());
        assertThat(candidates()).extracting(DeletionCandidate::getLastUsedAt).containsExactly(lastRowDay());
    }

    @Test
    void aCrashBeforeTheCommitLosesTheBufferWithTheTransactionAndTheReplayAppliesEachRowOnce() {
        ClientEvaluator evaluator = current;
        for (ActivityEvidence row : dailyRows("c1")) {
            evaluator.process(new Record<>(key("c1"), new Input.Evidence(row), 0L));
        }
        // The process dies before the commit: the transaction aborts, and Streams re-initialises the task's
        // processor, which reads the same records again from the last committed offsets.
        evaluator.close();
        ClientEvaluator restarted = evaluator();
        assertThat(pending.isEmpty()).as("a re-initialised task starts with an empty buffer").isTrue();
        assertThat(activity.get(key("c1"))).as("the crashed attempt wrote nothing").isNull();
        context.resetForwards();
        for (ActivityEvidence row : dailyRows("c1")) {
            restarted.process(new Record<>(key("c1"), new Input.Evidence(row), 0L));
        }
        pending.flushCache();

        ActivityAggregate applied = activity.get(key("c1"));
        ActivityAggregate once = ActivityAggregate.EMPTY;
        for (ActivityEvidence row : dailyRows("c1")) {
            once = once.with(row);
        }
        assertThat(applied).as("every row applied exactly once").isEqualTo(once);
        assertThat(candidates()).hasSize(1);
    }

    @Test
    void theProposalsOfOneCommitReachTheGovernorAsOneCountPerOrgAndCollection() {
        ClientEvaluator evaluator = current;
        for (String id : List.of("c2", "c3", "c4", "c5")) {
            evaluator.process(new Record<>(key(id), new Input.ClientChanged(client(id, START).build()), 0L));
        }
        assertThat(candidates()).as("each candidate is emitted at once").hasSize(4);
        assertThat(signals()).as("the governor is told nothing before the commit").isEmpty();

        pending.flushCache(); // the task is about to commit

        assertThat(signals()).singleElement().satisfies(signal -> {
            assertThat(signal.kind()).isEqualTo(OrgSignal.Kind.PROPOSED);
            assertThat(signal.orgId()).isEqualTo(ORG);
            assertThat(signal.collectionId()).isEqualTo("collection-1");
            assertThat(signal.proposals()).as("c1 of the set-up and these four").isEqualTo(5);
        });
        context.resetForwards();
        pending.flushCache();
        assertThat(signals()).as("counted once").isEmpty();
    }

    @Test
    void anyOtherSignalOfTheTaskIsSentAfterTheProposalsCountedBeforeIt() {
        current.process(new Record<>(OrgWide.key(ORG), new Input.Evidence(Fixtures.coverage("collection-2",
                START.minus(days(400)), START, 1_000, START)), 0L));

        assertThat(signals()).extracting(OrgSignal::kind).as("c1's proposal, then the new collection")
                .startsWith(OrgSignal.Kind.PROPOSED, OrgSignal.Kind.COLLECTION);
        assertThat(signals().get(0).collectionId()).isEqualTo("collection-1");
    }

    @Test
    void proposalsCountedInATransactionThatIsDiscardedAreNeverSent() {
        pending.clearCache(); // a dirty close: the transaction aborts, its input is read again
        pending.flushCache();
        assertThat(signals()).isEmpty();

        current.close();
        ClientEvaluator restarted = evaluator();
        restarted.process(new Record<>(key("c2"), new Input.ClientChanged(client("c2", START).build()), 0L));
        pending.flushCache();
        assertThat(signals()).extracting(OrgSignal::proposals).containsExactly(1L);
    }

    @Test
    void aSignalOfAnAnalyzerThatSentOneSignalPerCandidateCountsOne() {
        String before = "{\"kind\":\"PROPOSED\",\"orgId\":\"" + ORG + "\",\"partition\":0,\"collectionId\":\"collection-1\","
                + "\"orgClients\":0,\"clientId\":\"c1\",\"candidateId\":\"x\",\"at\":\"2026-06-01T12:00:00Z\"}";
        OrgSignal read = new JsonSerde<>(OrgSignal.class).deserializer().deserialize("t", before.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(read.proposals()).isEqualTo(1);
    }

    private ClientEvaluator current;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private double evaluations() {
        return meters.counter(AnalyzerMetrics.EVALUATIONS).count();
    }

    private ClientEvaluator evaluator() {
        current = new ClientEvaluator(Fixtures.policyWithoutNoticePeriod(), AnalyzerSettings.builder().build(), new AnalyzerMetrics(meters));
        current.init(context);
        return current;
    }

    /** A client's usage for {@value #ROWS} consecutive days ending 276 days ago: still stale, each row a newer day. */
    private static List<ActivityEvidence> dailyRows(String clientId) {
        return java.util.stream.IntStream.range(0, ROWS)
                .mapToObj(n -> usage(clientId, START.minus(days(300 - n)), 10 + n))
                .toList();
    }

    private static Instant lastRowDay() {
        return START.minus(days(300 - (ROWS - 1)));
    }

    private List<DeletionCandidate> candidates() {
        return context.forwarded().stream()
                .map(f -> f.record().value())
                .filter(Output.Candidate.class::isInstance)
                .map(o -> ((Output.Candidate) o).candidate())
                .filter(Objects::nonNull)
                .toList();
    }

    private List<OrgSignal> signals() {
        return context.forwarded().stream()
                .map(f -> f.record().value())
                .filter(Output.Org.class::isInstance)
                .map(o -> ((Output.Org) o).signal())
                .toList();
    }

    private <K, V> KeyValueStore<K, V> store(String name, Function<Topics, Serde<K>> keySerde, Function<Topics, Serde<V>> valueSerde) {
        Topics own = Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry()));
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keySerde.apply(own),
                        valueSerde.apply(own))
                .withLoggingDisabled().build();
        register(store);
        return store;
    }

    private void register(StateStore store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
