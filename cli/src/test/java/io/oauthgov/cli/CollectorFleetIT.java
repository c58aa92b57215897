package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.CollectorCheckpoint;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.cli.dev.StackFiles;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code oauthgov collect --every --group} OS processes share four simulated orgs through their consumer group
 * on a real broker. One is killed with SIGKILL in the middle of a cycle; the other takes its orgs over within the
 * session timeout and resumes them from their last committed checkpoints.
 */
class CollectorFleetIT {
    private static final Pattern SHARE = Pattern.compile("this instance collects (\\d+) of (\\d+) configured org\\(s\\)");
    private static final Pattern ORG_LINE = Pattern.compile("^org (\\S+): ", Pattern.MULTILINE);
    private static final Duration TAKE_OVER = Duration.ofSeconds(90);
    private static final String CYCLE_START = "this instance collects ";
    private static final String CYCLE_END = "next collection in";

    @Test
    void everyOrgIsCollectedByExactlyOneLiveInstanceAndAKilledInstancesOrgsMoveToTheOther(@TempDir Path dir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(4).clientsPerOrg(40).seed(1616)
                     .identityRateLimit(1_200).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            Path config = StackFiles.write(simulator, dir, environment.bootstrapServers(), environment.schemaRegistryUrl(),
                    simulator.baseUrl(), 1_200, "collector:\n  auditSettle: 0s\n");
            String[] args = {"collect", "--every", "2s", "--group", "fleet-it", "--config", config.toString()};
            Set<String> orgs = Set.copyOf(simulator.orgIds());

            try (StageProcess first = StageProcess.start(args); StageProcess second = StageProcess.start(args)) {
                // once the group settled, each cycle of the two instances together collects every org, each org once
                awaitOrExplain("the two instances split the orgs", () -> {
                    first.assertAlive();
                    second.assertAlive();
                    Set<String> byFirst = lastCompleteCycle(first.output());
                    Set<String> bySecond = lastCompleteCycle(second.output());
                    return byFirst.stream().noneMatch(bySecond::contains) && union(byFirst, bySecond).equals(orgs);
                }, Duration.ofMillis(200), first, second);
                StageProcess victim = lastCompleteCycle(first.output()).isEmpty() ? second : first;
                StageProcess survivor = victim == first ? second : first;

                // SIGKILL the victim in the middle of a cycle: right after it started one
                int cyclesBefore = shareLines(victim);
                awaitOrExplain("the victim starts a cycle", () -> shareLines(victim) > cyclesBefore, Duration.ofMillis(20), first, second);
                Thread.sleep(300);
                victim.kill();
                int survivorOutputAtKill = survivor.output().length();

                // within the session timeout the survivor holds every org, and its next whole cycle verifies each once
                awaitOrExplain("the survivor's next whole cycle collects every org", () -> {
                    survivor.assertAlive();
                    return lastCompleteCycle(survivor.output().substring(survivorOutputAtKill)).equals(orgs);
                }, Duration.ofMillis(200), first, second);
                String after = survivor.output().substring(survivorOutputAtKill);
                assertThat(orgLines(lastCompleteCycleText(after))).as("each org once, verified, in the survivor's cycle:\n" + after)
                        .hasSize(orgs.size()).allSatisfy(line -> assertThat(line).contains("snapshot verified").doesNotContain("EVIDENCE GAPS"));
            }

            // checkpoints consistent: each org's checkpoint names its latest verified snapshot, and no evidence was published twice
            Map<OrgKey, CollectorCheckpoint> checkpoints = TopicTableReader.readAll(environment.topics().checkpoints(),
                    environment.clientConfigs(), Duration.ofSeconds(30));
            List<SnapshotManifest> manifests = TopicLogReader.readAll(environment.topics().snapshots(), environment.clientConfigs(),
                    Duration.ofSeconds(30)).stream().map(TopicLogReader.Entry::value).toList();
            for (String org : orgs) {
                SnapshotManifest latest = manifests.stream().filter(m -> m.getOrgId().equals(org) && m.getVerified())
                        .max(Comparator.comparing(SnapshotManifest::getCompletedAt)).orElseThrow();
                assertThat(checkpoints.get(new OrgKey(org))).as("checkpoint of " + org).isNotNull()
                        .satisfies(c -> assertThat(c.getLastVerifiedSnapshotId()).isEqualTo(latest.getSnapshotId()));
            }
            List<String> evidenceIds = TopicLogReader.readAll(environment.topics().activity(), environment.clientConfigs(),
                    Duration.ofSeconds(30)).stream().map(TopicLogReader.Entry::value).map(ActivityEvidence::getEvidenceId)
                    .filter(id -> !id.startsWith("coverage/")).toList();
            assertThat(evidenceIds).as("no interval read by two instances").isNotEmpty().doesNotHaveDuplicates();
        }
    }

    /** Waits for {@code condition}; on timeout the failure carries what both instances printed, for the post-mortem. */
    private static void awaitOrExplain(String what, java.util.concurrent.Callable<Boolean> condition, Duration poll,
                                       StageProcess... stages) {
        try {
            Awaitility.await(what).atMost(TAKE_OVER).pollInterval(poll).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder outputs = new StringBuilder(what + ": not within " + TAKE_OVER.toSeconds() + " s");
            for (StageProcess stage : stages) {
                String output = stage.output();
                outputs.append("\n--- instance output (last 6000 chars) ---\n").append(output.substring(Math.max(0, output.length() - 6000)));
            }
            throw new AssertionError(outputs.toString(), e);
        }
    }

    /** The lines of the last cycle that finished: from its "this instance collects" line to its "next collection in". */
    private static String lastCompleteCycleText(String output) {
        int end = output.lastIndexOf(CYCLE_END);
        if (end < 0) {
            return "";
        }
        int start = output.lastIndexOf(CYCLE_START, end);
        return start < 0 ? "" : output.substring(start, end);
    }

    private static Set<String> lastCompleteCycle(String output) {
        return collectedOrgs(lastCompleteCycleText(output));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static int shareLines(StageProcess stage) {
        return (int) SHARE.matcher(stage.output()).results().count();
    }

    private static Set<String> collectedOrgs(String output) {
        Set<String> orgs = new HashSet<>();
        Matcher matcher = ORG_LINE.matcher(output);
        while (matcher.find()) {
            orgs.add(matcher.group(1));
        }
        return orgs;
    }

    private static List<String> orgLines(String output) {
        return new ArrayList<>(output.lines().filter(l -> l.startsWith("org ")).toList());
    }
}
