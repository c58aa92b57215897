package io.oauthgov.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.IntegrationRecordType;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.Severity;
import io.oauthgov.schemas.topics.OrgWide;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyBacktestTest {
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final PolicyBacktest.Window LAST_30_DAYS = new PolicyBacktest.Window(AS_OF.minus(days(30)), AS_OF);
    private static final Policy DEFAULT = PolicyLoader.loadDefault();
    private static final Policy TEN_DAYS = PolicyLoader.parse("""
            id: ten-days
            version: "1"
            staleWindowDays: 10
            gracePeriodDays: 0
            """, "test");

    private final Map<ClientKey, OAuthClientSnapshot> clients = new HashMap<>();
    private final Map<ClientKey, List<ActivityEvidence>> evidence = new HashMap<>();
    private final Map<ClientKey, IntegrationRecord> integrations = new HashMap<>();

    @Test
    void aClientUnusedLongerThanTheStaleWindowIsACandidateWithTheAnalyzersReasons() {
        client("old", AS_OF.minus(days(900)));
        use("old", AS_OF.minus(days(300)));

        PolicyBacktest.Result result = PolicyBacktest.run(DEFAULT, history(), LAST_30_DAYS);

        assertThat(result.candidates()).singleElement().satisfies(c -> {
            assertThat(c.key().getClientId()).isEqualTo("old");
            assertThat(c.verdict().candidateReasons()).extracting(f -> f.rule().id()).containsExactly("stale-unused");
            assertThat(c.severity()).isEqualTo(Severity.MEDIUM);
        });
        assertThat(result.proposedInWindow()).isZero(); // eligible long before the window opened
    }

    @Test
    void evidenceOlderThanTheWindowStillCountsAsUse() {
        client("used-40-days-ago", AS_OF.minus(days(900)));
        use("used-40-days-ago", AS_OF.minus(days(40)));

        PolicyBacktest.Result result = PolicyBacktest.run(DEFAULT, history(), LAST_30_DAYS);

        assertThat(result.candidates()).isEmpty();
        assertThat(result.clients()).singleElement().satisfies(c ->
                assertThat(c.verdict().lastUsedAt()).isEqualTo(AS_OF.minus(days(40))));
    }

    @Test
    void evidenceAfterAsOfIsHindsightAndIgnored() {
        client("stale-then", AS_OF.minus(days(900)));
        use("stale-then", AS_OF.minus(days(300)));
        use("stale-then", AS_OF.plus(days(1)));

        PolicyBacktest.Result result = PolicyBacktest.run(DEFAULT, history(), LAST_30_DAYS);

        assertThat(result.candidates()).extracting(c -> c.key().getClientId()).containsExactly("stale-then");
    }

    @Test
    void clientsCreatedAfterAsOfAreLeftOut() {
        client("future", AS_OF.plus(days(2)));

        assertThat(PolicyBacktest.run(DEFAULT, history(), LAST_30_DAYS).clients()).isEmpty();
    }

    @Test
    void aClientProposedInsideTheWindowAndUsedAgainLaterIsFlaggedThenUsedAgain() {
        client("monthly-job", AS_OF.minus(days(900)));
        use("monthly-job", AS_OF.minus(days(45)));
        use("monthly-job", AS_OF.minus(days(15))); // a 30-day gap: a 10-day window would have proposed it
        use("monthly-job", AS_OF.minus(days(1)));

        PolicyBacktest.Result strict = PolicyBacktest.run(TEN_DAYS, history(), LAST_30_DAYS);
        PolicyBacktest.Result baseline = PolicyBacktest.run(DEFAULT, history(), LAST_30_DAYS);

        assertThat(strict.flaggedThenUsedAgain()).singleElement().satisfies(c -> {
            assertThat(c.flaggedAt()).isEqualTo(AS_OF.minus(days(30))); // eligible before the window: flagged as it opens
            assertThat(c.usedAgainAt()).isEqualTo(AS_OF.minus(days(15)));
        });
        assertThat(strict.candidates()).isEmpty(); // used yesterday: not a candidate as of now
        assertThat(baseline.flaggedThenUsedAgain()).isEmpty();
    }

    @Test
    void comparisonListsCandidatesOnlyOnePolicyFlagsAndSeverityChanges() {
        client("unused-20-days", AS_OF.minus(days(900)));
        use("unused-20-days", AS_OF.minus(days(20)));
        client("unused-300-days", AS_OF.minus(days(900)));
        use("unused-300-days", AS_OF.minus(days(300)));
        client("in-use", AS_OF.minus(days(900)));
        use("in-use", AS_OF.minus(days(1)));

        PolicyComparison comparison = PolicyComparison.of(PolicyBacktest.run(DEFAULT, history(), LAST_30_DAYS),
                PolicyBacktest.run(TEN_DAYS, history(), LAST_30_DAYS));

        assertThat(comparison.onlyProposed()).extracting(c -> c.key().getClientId()).containsExactly("unused-20-days");
        assertThat(comparison.onlyBaseline()).isEmpty();
        assertThat(comparison.severityChanges()).singleElement().satisfies(change -> {
            assertThat(change.key().getClientId()).isEqualTo("unused-20-days");
            assertThat(change.before()).isEqualTo(Severity.LOW); // unowned only
            assertThat(change.after()).isEqualTo(Severity.MEDIUM); // stale-unused
        });
    }

    @Test
    void withoutRecordedCoverageNoClientIsProposedAndTheResultSaysWhatIsMissing() {
        client("unused-200-days", AS_OF.minus(days(200)));
        importMarker();

        PolicyBacktest.Result result = PolicyBacktest.run(DEFAULT, recorded(), LAST_30_DAYS);

        assertThat(result.candidates()).isEmpty();
        assertThat(result.missingEvidence()).containsOnlyKeys("org-1");
        assertThat(result.missingEvidence().get("org-1")).singleElement().asString().startsWith("NO_COVERAGE");
    }

    @Test
    void coverageOfAnEarlierSnapshotOnlyIsACollectionThatDiedBeforeItsEvidence() {
        client("unused-200-days", AS_OF.minus(days(200)));
        importMarker();
        coverage("snap-0", AS_OF.minus(days(400)), AS_OF.minus(days(1)));

        PolicyBacktest.Result result = PolicyBacktest.run(DEFAULT, recorded(), LAST_30_DAYS);

        assertThat(result.candidates()).isEmpty();
        assertThat(result.missingEvidence().get("org-1")).singleElement().asString().startsWith("EVIDENCE_PENDING");
    }

    @Test
    void coverageShorterThanTheStaleWindowProposesNothing() {
        client("unused-200-days", AS_OF.minus(days(200)));
        importMarker();
        coverage("snap-1", AS_OF.minus(days(30)), AS_OF);

        PolicyBacktest.Result result = PolicyBacktest.run(DEFAULT, recorded(), LAST_30_DAYS);

        assertThat(result.candidates()).isEmpty();
        assertThat(result.missingEvidence().get("org-1")).anySatisfy(line -> assertThat(line).startsWith("USAGE_WINDOW_SHORT"));
    }

    @Test
    void coverageRecordedAfterAsOfIsHindsightAndDoesNotCount() {
        client("unused-200-days", AS_OF.minus(days(200)));
        importMarker();
        coverage("snap-1", AS_OF.minus(days(400)), AS_OF.plus(days(1)));

        PolicyBacktest.Result result = PolicyBacktest.run(DEFAULT, recorded(), LAST_30_DAYS);

        assertThat(result.candidates()).isEmpty();
        assertThat(result.missingEvidence()).containsKey("org-1");
    }

    @Test
    void anOrgWhoseRegistryWasNeverImportedIsNotJudged() {
        client("unused-200-days", AS_OF.minus(days(200)));
        coverage("snap-1", AS_OF.minus(days(400)), AS_OF);

        PolicyBacktest.Result result = PolicyBacktest.run(DEFAULT, recorded(), LAST_30_DAYS);

        assertThat(result.candidates()).isEmpty();
        assertThat(result.missingEvidence().get("org-1")).singleElement().asString().startsWith("REGISTRY_NOT_IMPORTED");
    }

    /** What a complete collection records: the registry import marker and coverage of the whole window. */
    private RecordedHistory history() {
        importMarker();
        coverage("snap-1", AS_OF.minus(days(400)), AS_OF);
        return recorded();
    }

    private RecordedHistory recorded() {
        evidence.values().forEach(list -> list.sort(java.util.Comparator.comparing(ActivityEvidence::getEventAt)));
        return new RecordedHistory(clients, evidence, integrations, Map.of(), evidence.values().stream().mapToInt(List::size).sum(), 0);
    }

    private void client(String id, Instant created) {
        clients.put(new ClientKey("org-1", id), OAuthClientSnapshot.newBuilder()
                .setOrgId("org-1").setRegion("us-east-1").setSnapshotId("snap-1").setObservedAt(AS_OF)
                .setId(id).setName("client " + id).setAccessTokenValiditySeconds(3600L)
                .setDateCreated(created).setDateModified(created)
                .setAuthorizedGrantType("CLIENT-CREDENTIALS").setScope(List.of("analytics")).setState("active")
                .build());
    }

    private void use(String id, Instant at) {
        evidence.computeIfAbsent(new ClientKey("org-1", id), k -> new ArrayList<>()).add(ActivityEvidence.newBuilder()
                .setEvidenceId("org-1/" + id + "/" + at).setOrgId("org-1").setClientId(id)
                .setSource(EvidenceSource.USAGE).setRelation(EvidenceRelation.USED_BY_CLIENT)
                .setEventAt(at).setObservedAt(at).setRequests(10).build());
    }

    private void importMarker() {
        integrations.put(OrgWide.key("org-1"), IntegrationRecord.newBuilder()
                .setOrgId("org-1").setClientId(OrgWide.CLIENT_ID).setOwner("").setSystem("").setUpdatedAt(AS_OF)
                .setSource("test").setRecordType(IntegrationRecordType.IMPORT_MARKER).build());
    }

    private void coverage(String snapshotId, Instant from, Instant through) {
        evidence.computeIfAbsent(OrgWide.key("org-1"), k -> new ArrayList<>()).add(ActivityEvidence.newBuilder()
                .setEvidenceId("coverage/org-1/" + snapshotId).setOrgId("org-1").setClientId(OrgWide.CLIENT_ID)
                .setSource(EvidenceSource.USAGE).setRelation(EvidenceRelation.COVERAGE).setEventAt(through).setObservedAt(through)
                .setCoverage(EvidenceCoverage.newBuilder().setCollectionId("collection-" + snapshotId).setSnapshotId(snapshotId)
                        .setSnapshotObservedAt(through).setOrgClients(clients.size()).setUsageFrom(from).setUsageThrough(through)
                        .setAuditFrom(from).setAuditThrough(through).setGaps(List.of()).build())
                .build());
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }
}
