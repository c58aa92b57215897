package io.oauthgov.analyzer.topology;

import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.analyzer.evaluation.EvidenceStatus;
import io.oauthgov.analyzer.evaluation.PolicyEvaluator;
import io.oauthgov.analyzer.evaluation.RuleFinding;
import io.oauthgov.analyzer.evaluation.Verdict;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.EntityRef;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.Benchmark;
import io.oauthgov.bench.Goal;
import io.oauthgov.bench.Metric;
import io.oauthgov.bench.Stats;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * In-process microbenchmarks of the analyzer's per-record work that issue #20 changed, each old and new side by
 * side in one run, alternating which goes first per round: the state values' previous JSON serde against the
 * versioned binary one (write + read of one value, and its size), the org manifest decoded per read against the
 * memoizing global-table serde, and an evaluation whose words are never read (an unchanged client) against one
 * whose words are all read (what every evaluation cost before they were lazy).
 *
 * <p>It lives in the analyzer's topology package to reach the package-private state types without widening the
 * analyzer's API for a benchmark. Numbers are medians of rounds; compare the ratios, the machine may be shared.
 */
public final class AnalyzerSerdeBenchmark implements Benchmark {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    @Override
    public String name() {
        return "analyzer-serde";
    }

    @Override
    public boolean needsBroker() {
        return false;
    }

    @Override
    public List<Metric> run(BenchContext context) {
        boolean quick = context.scale().quick();
        int rounds = quick ? 7 : 15;
        List<Metric> metrics = new ArrayList<>();
        metrics.addAll(serde("state_activity30", activity(30), StateSerdes.activity(),
                new JsonSerde<>(ActivityAggregate.class), rounds, quick ? 20_000 : 50_000));
        metrics.addAll(serde("state_activity400", activity(400), StateSerdes.activity(),
                new JsonSerde<>(ActivityAggregate.class), rounds, quick ? 1_000 : 3_000));
        metrics.addAll(serde("state_verdict", verdict(), StateSerdes.verdicts(), new JsonSerde<>(StoredVerdict.class),
                rounds, quick ? 100_000 : 300_000));
        metrics.addAll(manifest(rounds, quick ? 200_000 : 500_000));
        metrics.addAll(evaluation(rounds, quick ? 50_000 : 150_000));
        return metrics;
    }

    /** A client's aggregate after {@code days} days of three endpoints each, audit use and an audited change. */
    private static ActivityAggregate activity(int days) {
        ActivityAggregate aggregate = ActivityAggregate.EMPTY;
        for (int d = 0; d < days; d++) {
            Instant at = NOW.minus(Duration.ofDays(d));
            for (String endpoint : List.of("GET api/v2/users", "POST api/v2/analytics/conversations/details/query",
                    "PATCH api/v2/users/{userId}")) {
                String[] parts = endpoint.split(" ");
                aggregate = aggregate.with(usage(at, 100 + d).setHttpMethod(parts[0]).setTemplateUri(parts[1]).build());
            }
        }
        aggregate = aggregate.with(ActivityEvidence.newBuilder(usage(NOW, 1).build()).setSource(EvidenceSource.AUDIT).build());
        return aggregate.with(ActivityEvidence.newBuilder(usage(NOW, 1).build()).setSource(EvidenceSource.AUDIT)
                .setRelation(EvidenceRelation.CHANGED_CLIENT).setActorId("user-9").setActorName("Ada Admin").build());
    }

    private static ActivityEvidence.Builder usage(Instant at, long requests) {
        return ActivityEvidence.newBuilder().setEvidenceId("e").setOrgId("org-1").setClientId("c-1")
                .setSource(EvidenceSource.USAGE).setRelation(EvidenceRelation.USED_BY_CLIENT).setEventAt(at)
                .setObservedAt(at).setRequests(requests);
    }

    private static StoredVerdict verdict() {
        return new StoredVerdict("HIGH_RISK_SCOPES:HIGH,STALE_UNUSED:MEDIUM,UNOWNED:LOW", true,
                new StoredVerdict.CandidateState("org-1/c-1/0123456789abcdef", "9f".repeat(32), NOW.minus(Duration.ofDays(3)),
                        "collection-2026-11-01", NOW.minus(Duration.ofDays(2))), null);
    }

    private static <T> List<Metric> serde(String name, T value, Serde<T> binary, Serde<T> json, int rounds, int records) {
        byte[] binaryBytes = binary.serializer().serialize("t", value);
        byte[] jsonBytes = json.serializer().serialize("t", value);
        if (!binary.deserializer().deserialize("t", binaryBytes).equals(value)) {
            throw new IllegalStateException(name + ": the binary form does not read back as written");
        }
        List<Double> jsonNs = new ArrayList<>();
        List<Double> binaryNs = new ArrayList<>();
        ToLongFunction<Serde<T>> roundTrips = serde -> {
            long sink = 0;
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                byte[] bytes = serde.serializer().serialize("t", value);
                sink += serde.deserializer().deserialize("t", bytes).hashCode() + bytes.length;
            }
            long elapsed = System.nanoTime() - start;
            if (sink == 42) {
                System.out.print(""); // keeps the loop's result alive
            }
            return elapsed;
        };
        roundTrips.applyAsLong(json); // warm-up of both
        roundTrips.applyAsLong(binary);
        for (int round = 0; round < rounds; round++) {
            boolean jsonFirst = round % 2 == 0;
            long first = roundTrips.applyAsLong(jsonFirst ? json : binary);
            long second = roundTrips.applyAsLong(jsonFirst ? binary : json);
            jsonNs.add((double) (jsonFirst ? first : second) / records);
            binaryNs.add((double) (jsonFirst ? second : first) / records);
        }
        String how = String.format("write + read of one value, median of %d rounds x %,d, JSON and binary alternating", rounds, records);
        double ratio = Stats.median(jsonNs) / Stats.median(binaryNs);
        return List.of(
                Metric.median(name + "_json_ns", jsonNs, "ns/value", Goal.none(), how),
                Metric.median(name + "_binary_ns", binaryNs, "ns/value", Goal.none(), how),
                Metric.of(name + "_json_vs_binary", ratio, "x", Goal.none(), "how many times the JSON serde's time the binary one takes less"),
                Metric.of(name + "_json_bytes", jsonBytes.length, "bytes", Goal.none(), "one value as the previous release stored it"),
                Metric.of(name + "_binary_bytes", binaryBytes.length, "bytes", Goal.none(), "the same value, version byte + Avro binary"));
    }

    private static List<Metric> manifest(int rounds, int reads) {
        Serde<SnapshotManifest> avro = Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry())).snapshots().valueSerde();
        SnapshotManifest manifest = SnapshotManifest.newBuilder().setSnapshotId("snap-2026-11-01T12:00:00Z-org-1")
                .setOrgId("org-1").setRegion("us-east-1").setStartedAt(NOW).setCompletedAt(NOW).setExpectedTotal(2_000)
                .setObservedTotal(2_000).setVerified(true).setDigest("ab".repeat(32)).setPages(20).build();
        byte[] stored = avro.serializer().serialize("genesys.oauth.snapshots", manifest);
        Deserializer<SnapshotManifest> plain = avro.deserializer();
        Deserializer<SnapshotManifest> memoized = new MemoizingSerde<>(avro).deserializer();
        List<Double> plainNs = new ArrayList<>();
        List<Double> memoizedNs = new ArrayList<>();
        for (int round = -1; round < rounds; round++) {
            boolean plainFirst = round % 2 == 0;
            long first = reads(plainFirst ? plain : memoized, stored, reads);
            long second = reads(plainFirst ? memoized : plain, stored, reads);
            if (round >= 0) {
                plainNs.add((double) (plainFirst ? first : second) / reads);
                memoizedNs.add((double) (plainFirst ? second : first) / reads);
            }
        }
        String how = String.format("one read of the org's manifest (%d bytes, a fresh copy per read as the store returns it), "
                + "median of %d rounds x %,d", stored.length, rounds, reads);
        return List.of(
                Metric.median("manifest_decode_ns", plainNs, "ns/read", Goal.none(), how + "; decoded every time (before)"),
                Metric.median("manifest_memoized_ns", memoizedNs, "ns/read", Goal.none(), how + "; MemoizingSerde (after)"));
    }

    private static long reads(Deserializer<SnapshotManifest> deserializer, byte[] stored, int reads) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < reads; i++) {
            sink += deserializer.deserialize("genesys.oauth.snapshots", stored.clone()).getObservedTotal();
        }
        long elapsed = System.nanoTime() - start;
        return sink == 42 ? elapsed + 1 : elapsed;
    }

    /**
     * A stale, unowned client with a high-risk scope (four findings with evidence): evaluated and left unread, as for
     * an unchanged client, against evaluated and every word read, as every evaluation paid before.
     */
    private static List<Metric> evaluation(int rounds, int evaluations) {
        PolicyEvaluator evaluator = new PolicyEvaluator(PolicyLoader.loadDefault());
        OAuthClientSnapshot client = OAuthClientSnapshot.newBuilder().setOrgId("org-1").setRegion("us-east-1")
                .setSnapshotId("snap-1").setObservedAt(NOW).setId("c-1").setName("nightly export")
                .setAccessTokenValiditySeconds(86_400L * 2).setRegisteredRedirectUri(List.of()).setRoleIds(List.of("role-a"))
                .setRoleDivisions(List.of()).setDateCreated(NOW.minus(Duration.ofDays(900)))
                .setDateModified(NOW.minus(Duration.ofDays(400))).setCreatedBy(new EntityRef("user-1", "Ada"))
                .setAuthorizedGrantType("CLIENT-CREDENTIALS").setScope(List.of("admin", "users:write", "analytics"))
                .setState("active").build();
        ActivityAggregate stale = ActivityAggregate.EMPTY.with(usage(NOW.minus(Duration.ofDays(300)), 1).build());
        Verdict sample = evaluator.evaluate(client, stale, null, null, EvidenceStatus.COMPLETE, NOW);
        if (sample.findings().size() < 3) {
            throw new IllegalStateException("the sample client should raise several findings, raised " + sample.signature());
        }
        List<Double> unreadNs = new ArrayList<>();
        List<Double> readNs = new ArrayList<>();
        for (int round = -1; round < rounds; round++) {
            boolean unreadFirst = round % 2 == 0;
            long first = evaluations(evaluator, client, stale, !unreadFirst, evaluations);
            long second = evaluations(evaluator, client, stale, unreadFirst, evaluations);
            if (round >= 0) {
                unreadNs.add((double) (unreadFirst ? first : second) / evaluations);
                readNs.add((double) (unreadFirst ? second : first) / evaluations);
            }
        }
        String how = String.format("PolicyEvaluator.evaluate of one client with %d findings (%s), median of %d rounds x %,d",
                sample.findings().size(), sample.signature(), rounds, evaluations);
        return List.of(
                Metric.median("evaluation_unread_ns", unreadNs, "ns/client", Goal.none(), how
                        + "; signature only, as for an unchanged client (after)"),
                Metric.median("evaluation_read_ns", readNs, "ns/client", Goal.none(), how
                        + "; every reason, evidence map, note and the fingerprint read, as every evaluation paid before"));
    }

    private static long evaluations(PolicyEvaluator evaluator, OAuthClientSnapshot client, ActivityAggregate activity,
                                    boolean readAll, int evaluations) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < evaluations; i++) {
            Verdict verdict = evaluator.evaluate(client, activity, null, null, EvidenceStatus.COMPLETE, NOW);
            sink += verdict.signature().length();
            if (readAll) {
                for (RuleFinding finding : verdict.findings()) {
                    sink += finding.reason().length() + finding.evidence().size();
                }
                sink += verdict.candidateNote().length() + verdict.fingerprint().length();
            }
        }
        long elapsed = System.nanoTime() - start;
        return sink == 42 ? elapsed + 1 : elapsed;
    }
}
