package io.oauthgov.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.avro.CollectorCheckpoint;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.collector.ProvisionedBroker;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The org's publish queue on a real broker: what waits while a transaction commits goes out in the next one, in
 * submit order, and nothing queued behind a failed transaction is ever published. Each test writes checkpoints of
 * an org of its own to the one-partition checkpoints topic, where a transaction's commit marker takes an offset:
 * records of one transaction have consecutive offsets, a marker separates two transactions.
 */
class PublishQueueIT {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static ProvisionedBroker broker;
    private static Topics topics;

    @BeforeAll
    static void startBroker() {
        broker = ProvisionedBroker.start();
        topics = broker.topics();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Map<String, Object> kafka() {
        return broker.kafka();
    }

    @Test
    void publicationsSubmittedWhileATransactionCommitsGoOutTogetherInTheNextOneInSubmitOrder() throws Exception {
        String orgId = "publish-queue-org-" + SEQUENCE.incrementAndGet();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        try (CollectorPublisher publisher = publisher(orgId);
             PublishQueue queue = new PublishQueue(orgId, () -> publisher)) {
            queue.submit(1, holding(checkpoint(orgId, 1), inFirst, release), () -> committed.add(1));
            assertThat(inFirst.await(60, TimeUnit.SECONDS)).as("the first transaction is open").isTrue();

            queue.submit(1, p -> p.sendEvidenceBatch(List.of(), checkpoint(orgId, 2)), () -> committed.add(2));
            queue.submit(1, p -> p.sendEvidenceBatch(List.of(), checkpoint(orgId, 3)), () -> committed.add(3));
            release.countDown();
            queue.awaitAll();
        }

        List<TopicLogReader.Entry<OrgKey, CollectorCheckpoint>> written = checkpointsOf(orgId);
        assertThat(written).extracting(e -> e.value().getUsageThroughDay().getDayOfMonth()).containsExactly(1, 2, 3);
        assertThat(written.get(2).offset()).as("the two that waited share one transaction: no commit marker between them")
                .isEqualTo(written.get(1).offset() + 1);
        assertThat(written.get(1).offset()).as("the first committed on its own, its marker before the next")
                .isEqualTo(written.get(0).offset() + 2);
        assertThat(committed).as("each one's commit action ran, in submit order").containsExactly(1, 2, 3);
    }

    @Test
    void aFailedTransactionFailsEveryPublicationQueuedBehindItAndNoneOfThemIsPublished() throws Exception {
        String orgId = "publish-queue-org-" + SEQUENCE.incrementAndGet();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IllegalStateException brokerGone = new IllegalStateException("the transaction failed (test)");
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        try (CollectorPublisher publisher = publisher(orgId);
             PublishQueue queue = new PublishQueue(orgId, () -> publisher)) {
            Future<Void> failing = queue.submit(1, holding(checkpoint(orgId, 1), inFirst, release).andThen(p -> {
                throw brokerGone;
            }), () -> committed.add(1));
            assertThat(inFirst.await(60, TimeUnit.SECONDS)).isTrue();
            // A later checkpoint covers the failed one's evidence too: published alone, it would claim a gap as read.
            Future<Void> behind = queue.submit(1, p -> p.sendEvidenceBatch(List.of(), checkpoint(orgId, 2)), () -> committed.add(2));
            release.countDown();

            assertThatThrownBy(() -> PublishQueue.result(failing)).isSameAs(brokerGone);
            assertThatThrownBy(() -> PublishQueue.result(behind)).as("failed with it, never sent").isSameAs(brokerGone);
            assertThatThrownBy(queue::awaitAll).isSameAs(brokerGone);
            assertThatThrownBy(() -> queue.submit(1, p -> p.sendEvidenceBatch(List.of(), checkpoint(orgId, 3)), () -> committed.add(3)))
                    .as("the next submit hears of it").isSameAs(brokerGone);
        }

        assertThat(checkpointsOf(orgId)).as("nothing of the org is visible").isEmpty();
        assertThat(committed).as("no commit action ran").isEmpty();
        try (CollectorPublisher publisher = publisher(orgId)) {
            publisher.inTransaction(() -> publisher.sendEvidenceBatch(List.of(), checkpoint(orgId, 4)));
        }
        assertThat(checkpointsOf(orgId)).as("the org's next producer publishes again").hasSize(1);
    }

    /** Sends {@code checkpoint}, then holds the transaction open until {@code release}. */
    private static Consumer<CollectorPublisher> holding(CollectorCheckpoint checkpoint, CountDownLatch inside, CountDownLatch release) {
        return p -> {
            p.sendEvidenceBatch(List.of(), checkpoint);
            inside.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    private static CollectorPublisher publisher(String orgId) {
        return new CollectorPublisher(topics, kafka(), "publish-queue-it-" + orgId);
    }

    /** A checkpoint told apart by its day of month. */
    private static CollectorCheckpoint checkpoint(String orgId, int day) {
        return CollectorCheckpoint.newBuilder().setOrgId(orgId).setUsageThroughDay(LocalDate.of(2026, 1, day))
                .setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    private static List<TopicLogReader.Entry<OrgKey, CollectorCheckpoint>> checkpointsOf(String orgId) {
        return TopicLogReader.readAll(topics.checkpoints(), kafka(), Duration.ofSeconds(30)).stream()
                .filter(e -> e.key().getOrgId().equals(orgId)).toList();
    }
}
