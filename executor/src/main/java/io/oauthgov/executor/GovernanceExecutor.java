package io.oauthgov.executor;

import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.executor.control.ControlPlaneTail;
import io.oauthgov.executor.control.KillSwitch;
import io.oauthgov.executor.control.ProtectionRegistry;
import io.oauthgov.executor.control.RestoreRequests;
import io.oauthgov.executor.control.UseEvidence;
import io.oauthgov.executor.metrics.ExecutorMetrics;
import io.oauthgov.executor.trust.ApprovalVerifier;
import io.oauthgov.executor.work.BlastRadius;
import io.oauthgov.executor.work.WorkContext;
import io.oauthgov.executor.kafka.OffsetLedger;
import io.oauthgov.executor.kafka.OutcomePublisher;
import io.oauthgov.executor.kafka.Refusal;
import io.oauthgov.executor.work.ApprovalWork;
import io.oauthgov.executor.work.QuarantineWork;
import io.oauthgov.executor.work.Step;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor: consumes approved deletions (read_committed), hands each to its identity's lane, and publishes what
 * the lanes decided in transactions that also commit the consumed offsets — so every approval gets its outcome
 * exactly once, and a crash at any point leads to a repeat the live re-read makes safe. Ends quarantines when they
 * are due. All Kafka calls happen on the thread that calls {@link #run()}; lanes only talk to Genesys Cloud.
 */
public final class GovernanceExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GovernanceExecutor.class);
    private static final Duration POLL = Duration.ofMillis(50);
    /** While lanes are working the loop comes back quickly to publish what they finish. */
    private static final Duration POLL_WHILE_BUSY = Duration.ofMillis(5);
    /** Offsets of refused or finished records alone are committed at most this often (no transaction per poll). */
    private static final Duration OFFSETS_ONLY_EVERY = Duration.ofSeconds(1);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** A lane's answer: the step, and the consumed record it completes (partition null for a quarantine ending). */
    private record Completion(Step step, TopicPartition partition, long offset, String approvalId) {}

    private final Topics topics;
    private final Map<String, Object> clientConfigs;
    private final ApiIdentities identities;
    private final ExecutorSettings settings;
    private final Clock clock;
    private final KillSwitch killSwitch;
    private final ProtectionRegistry protection = new ProtectionRegistry();
    private final RestoreRequests restores = new RestoreRequests();
    private final UseEvidence use = new UseEvidence();
    private final BlastRadius blastRadius;
    private final IntentQueue intents = new IntentQueue();
    private final ApprovalWork approvals;
    private final QuarantineWork quarantines;
    private final ApprovalIntake intake;
    private final ExecutorStats stats = new ExecutorStats();
    private final QuarantineBook book = new QuarantineBook();
    private final OffsetLedger ledger = new OffsetLedger();
    private final IdentityLanes lanes;
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    /** Approvals with a committed outcome, and those handed to a lane: an approval id is acted on once. */
    private final Set<String> handledApprovals = new HashSet<>();
    private final Set<String> inFlightApprovals = new HashSet<>();
    /** Committed outcomes already counted ({@code approvalId:kind}), so reading the topic again counts none twice. */
    private final Set<String> countedOutcomes = new HashSet<>();
    /** Whether this instance has owned partitions before: a later assignment may bring another instance's work. */
    private boolean assignedBefore;
    /** Clients with an approval in a lane, and which approval. */
    private final Map<ClientKey, String> inFlightClients = new HashMap<>();
    private volatile boolean running = true;
    /** A commit failed (fenced, or Kafka gone): nothing more is published, not even on the way out. */
    private boolean publisherFailed;
    private Instant lastActivity;
    private volatile OpenQuarantines leftOpen = OpenQuarantines.NONE;
    private Instant lastCommit = Instant.EPOCH;
    private KafkaConsumer<byte[], byte[]> consumer;
    private int approvedPartitions;
    private final ExecutorMetrics meters;

    public GovernanceExecutor(Topics topics, Map<String, Object> clientConfigs, ApiIdentities identities,
                              ExecutorSettings settings, Clock clock) {
        this(topics, clientConfigs, identities, settings, clock, ExecutorMetrics.none());
    }

    /** @param meters where the outcomes, refusals, quarantine, identities and the consumer's figures are exported */
    public GovernanceExecutor(Topics topics, Map<String, Object> clientConfigs, ApiIdentities identities,
                              ExecutorSettings settings, Clock clock, ExecutorMetrics meters) {
        this.meters = meters;
        this.topics = topics;
        this.clientConfigs = Map.copyOf(clientConfigs);
        this.identities = identities;
        this.settings = settings;
        this.clock = clock;
        this.killSwitch = new KillSwitch(settings.killSwitchFile());
        this.blastRadius = new BlastRadius(settings.limits());
        WorkContext context = new WorkContext(settings, protection, killSwitch, use, blastRadius, intents, clock);
        this.approvals = new ApprovalWork(context);
        this.quarantines = new QuarantineWork(context);
        this.intake = new ApprovalIntake(topics.deletionsApproved(), identities, new ApprovalVerifier(settings.trust(), settings.expiryRule()), clock);
        this.lanes = new IdentityLanes(settings.workersPerIdentity());
        identities.all().forEach(api -> api.guardChanges(() -> !killSwitch.engagedFor(api.identity().orgId())));
        meters.bind(stats, identities);
    }

    public ExecutorStats stats() {
        return stats;
    }

    /** Processes until {@link #stop()}; throws when the executor cannot go on safely (fenced, Kafka gone). */
    public void run() throws InterruptedException {
        try (ControlPlaneTail tail = new ControlPlaneTail(topics, clientConfigs, protection, killSwitch, restores, use,
                settings.activityLookback(), clock).start();
             OutcomePublisher publisher = new OutcomePublisher(topics, clientConfigs, settings.transactionalId())) {
            if (!awaitControlPlane(tail)) {
                return; // stopped while waiting; nothing was changed
            }
            loadCommittedState();
            consumer = new KafkaConsumer<>(consumerConfigs(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            meters.consumerStarted(consumer);
            try {
                approvedPartitions = consumer.partitionsFor(topics.deletionsApproved().name(), Duration.ofSeconds(30)).size();
                consumer.subscribe(List.of(topics.deletionsApproved().name()), new Rebalance(publisher));
                lastActivity = clock.instant();
                while (running) {
                    List<Refusal> refusals = new ArrayList<>(tail.drainRefusals());
                    if (tail.failure() != null) {
                        stats.health(ExecutorHealth.CONTROL_PLANE_UNREADABLE); // the switch is engaged for every org meanwhile
                    }
                    try {
                        var records = consumer.poll(ledger.inFlight() > 0 || book.releasing() || !intents.isEmpty() ? POLL_WHILE_BUSY : POLL);
                        records.forEach(record -> intake(record, refusals));
                        if (!records.isEmpty()) {
                            lastActivity = clock.instant();
                        }
                    } catch (WakeupException e) {
                        break;
                    }
                    dispatchDueQuarantines();
                    List<Completion> done = drainCompletions(0);
                    if (!done.isEmpty()) {
                        lastActivity = clock.instant();
                    }
                    publish(publisher, refusals, done);
                    applyBackpressure();
                    stats.held(book.size(), consumer.assignment().size());
                    boolean idle = idleLongEnough();
                    if (idle || caughtUp()) {
                        OpenQuarantines open = endableQuarantines();
                        LOG.info("Executor {}: stopping{}", idle ? "idle for " + settings.stopWhenIdle()
                                : "caught up with " + topics.deletionsApproved().name(), open.count() == 0 ? "" : "; " + open.describe());
                        break;
                    }
                }
                // what finished and the offsets of refused records, so a restart does not repeat them
                publish(publisher, tail.drainRefusals(), drainCompletions(0), true);
            } finally {
                leftOpen = endableQuarantines();
                stats.health(ExecutorHealth.STOPPED);
                lanes.close();
                intents.drain().forEach(p -> p.committed().completeExceptionally(new IllegalStateException("the executor is stopping")));
                meters.consumerStopped();
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    /**
     * Waits until the registry, the control topic and the recent activity have been read (the kill switch is engaged
     * for every org until then). An executor that cannot read them keeps waiting, switched off, and says so.
     *
     * @return false when stopped meanwhile
     */
    private boolean awaitControlPlane(ControlPlaneTail tail) throws InterruptedException {
        Instant since = clock.instant();
        boolean said = false;
        while (!tail.awaitCaughtUp(Duration.ofMillis(200))) {
            if (!running) {
                return false;
            }
            boolean late = Duration.between(since, clock.instant()).compareTo(START_TIMEOUT) >= 0;
            if (tail.unreadableTopic() != null || late) {
                stats.health(ExecutorHealth.CONTROL_PLANE_UNREADABLE);
                if (late) {
                    since = clock.instant();
                    said = false;
                }
                if (!said) {
                    LOG.error("The integration registry, the control topic or the activity topic cannot be read{}: every change stays "
                            + "stopped (kill switch engaged for all orgs, fail closed) until they can be",
                            tail.unreadableTopic() == null ? "" : " (" + tail.unreadableTopic() + ")");
                    said = true;
                }
            }
        }
        stats.health(ExecutorHealth.STARTING);
        return running;
    }

    /**
     * Idle: nothing consumed or completed for {@code stopWhenIdle}, nothing in flight, and no quarantine this instance
     * could end falls due within {@code stopWhenIdle} from now. Such a short quarantine is waited for (its delete is
     * activity and starts the idle time again); longer ones stay open — durable in the quarantine topic, the next run
     * resumes them — and {@link #leftOpen()} names them after the run.
     */
    private boolean idleLongEnough() {
        if (settings.stopWhenIdle() == null || busy()) {
            return false;
        }
        Instant now = clock.instant();
        if (Duration.between(lastActivity, now).compareTo(settings.stopWhenIdle()) < 0) {
            return false;
        }
        Instant nextDue = endableQuarantines().nextDue();
        return nextDue == null || nextDue.isAfter(now.plus(settings.stopWhenIdle()));
    }

    /**
     * Caught up: its position has reached the last stable offset of every partition it owns, so every approval
     * committed to the topic so far has been taken in; none is in a lane or waiting to be published; and no
     * quarantine it could end is still open. The loop's last publish then commits the remaining offsets with the
     * outcomes. Checked only when nothing is in flight: one ListOffsets request per idle poll.
     */
    private boolean caughtUp() {
        if (!settings.stopWhenCaughtUp() || busy() || endableQuarantines().count() > 0) {
            return false;
        }
        // read_committed: the ends are the last stable offsets, and the position moves past a transaction's marker
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), START_TIMEOUT);
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey(), START_TIMEOUT) >= end.getValue());
    }

    /** Work that must finish before either stop rule may hold, or no partitions to work on yet. */
    private boolean busy() {
        return ledger.inFlight() > 0 || book.releasing() || !completions.isEmpty() || !intents.isEmpty() || consumer.assignment().isEmpty();
    }

    /**
     * The quarantines this instance would end (it owns their identity's partition and holds its credentials; none in
     * a dry run, which never ends one).
     */
    private OpenQuarantines endableQuarantines() {
        if (!settings.execute() || approvedPartitions == 0) {
            return OpenQuarantines.NONE; // a dry run, or stopped before the topic's partitions were known
        }
        return book.open(entry -> identities.lookup(entry.getOrgId(), entry.getIdentityId()).isPresent() && owns(entry));
    }

    /** After {@link #run()} returned: the quarantines it left open, which the next run resumes. */
    public OpenQuarantines leftOpen() {
        return leftOpen;
    }

    /** Stops the loop; work in lanes is interrupted and, uncommitted, comes back to the next owner. */
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Map<String, Object> consumerConfigs() {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // Approvals come from the analyzer's transactions: read_committed sees them only once the commit marker
        // lands, which does not wake a waiting fetch. Ask again every 50 ms instead of the default 500 ms.
        configs.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        return configs;
    }

    /** Approvals already answered and quarantines still open, as committed by any earlier run. */
    private void loadCommittedState() {
        book.load(readCommitted());
        LOG.info("Executor starting ({}): {} approvals answered before, {} clients in quarantine, {} identities",
                settings.execute() ? "EXECUTE" : "dry run", handledApprovals.size(), book.size(), identities.all().size());
    }

    /**
     * Partitions came from another instance (it stopped or died): what it committed since this one started — answers
     * to approvals that come back because their offsets trail behind, quarantines it began or ended — is read again,
     * so this instance neither answers an approval twice nor leaves another's quarantine without an end.
     */
    private void reloadCommittedState() {
        book.reload(readCommitted());
        LOG.info("Executor took over partitions: {} approvals answered, {} clients in quarantine", handledApprovals.size(), book.size());
    }

    /** Records every committed outcome not seen yet; returns the committed quarantine table. */
    private Map<ClientKey, QuarantineEntry> readCommitted() {
        Map<String, Object> readerConfigs = new HashMap<>(clientConfigs);
        for (TopicLogReader.Entry<ClientKey, Outcome> entry : TopicLogReader.readAll(topics.outcomes(), readerConfigs, START_TIMEOUT)) {
            Outcome outcome = entry.value();
            if (outcome != null && countedOutcomes.add(outcome.getApprovalId() + ":" + outcome.getKind())) {
                handledApprovals.add(outcome.getApprovalId());
                blastRadius.committed(outcome);
            }
        }
        return TopicTableReader.readAll(topics.quarantine(), readerConfigs, START_TIMEOUT);
    }

    private void intake(ConsumerRecord<byte[], byte[]> record, List<Refusal> refusals) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        ApprovalIntake.Decision decision = intake.decide(record, this::alreadyHandling,
                a -> book.deactivationIntent(new ClientKey(a.getOrgId(), a.getClientId()), a.getApprovalId()));
        if (decision instanceof ApprovalIntake.Refused refused) {
            refusals.add(refused.refusal());
            ledger.finished(partition, record.offset());
            return;
        }
        ApprovalIntake.Accepted accepted = (ApprovalIntake.Accepted) decision;
        ApprovedDeletion approval = accepted.approval();
        ledger.started(partition, record.offset());
        inFlightApprovals.add(approval.getApprovalId());
        inFlightClients.put(new ClientKey(approval.getOrgId(), approval.getClientId()), approval.getApprovalId());
        lanes.submit(accepted.api(), () -> completions.add(new Completion(approvals.handle(approval, accepted.api(), accepted.priorIntent()),
                partition, record.offset(), approval.getApprovalId())));
    }

    private Optional<String> alreadyHandling(ApprovedDeletion approval) {
        if (handledApprovals.contains(approval.getApprovalId()) || inFlightApprovals.contains(approval.getApprovalId())) {
            return Optional.of("approval " + approval.getApprovalId() + " was already acted on");
        }
        ClientKey client = new ClientKey(approval.getOrgId(), approval.getClientId());
        String other = inFlightClients.get(client);
        if (other != null) {
            return Optional.of("client " + approval.getClientId() + " is being handled under approval " + other);
        }
        return book.entry(client).filter(e -> book.deactivationIntent(client, approval.getApprovalId()).isEmpty())
                .map(e -> "client " + approval.getClientId() + " is in quarantine under approval " + e.getApprovalId());
    }

    private void dispatchDueQuarantines() {
        if (!settings.execute()) {
            return; // a dry run never deactivated anything, and must not end an earlier run's quarantine either
        }
        for (QuarantineBook.Due due : book.takeDue(clock.instant(), restores, this::owns)) {
            QuarantineEntry entry = due.entry();
            Optional<GenesysClient> api = identities.lookup(entry.getOrgId(), entry.getIdentityId());
            if (api.isEmpty()) {
                book.abandoned(new ClientKey(entry.getOrgId(), entry.getClientId()));
                continue; // no credentials here for its identity: it stays open until an executor holding them owns it
            }
            lanes.submit(api.get(), () -> completions.add(new Completion(quarantines.release(entry, due.restore(), api.get()),
                    null, -1, entry.getApprovalId())));
        }
    }

    /** Quarantines are ended by the instance that owns the identity's partition of the approved-deletions topic. */
    private boolean owns(QuarantineEntry entry) {
        byte[] key = topics.deletionsApproved().keySerde().serializer()
                .serialize(topics.deletionsApproved().name(), new ApiIdentityKey(entry.getOrgId(), entry.getIdentityId()));
        int partition = Utils.toPositive(Utils.murmur2(key)) % approvedPartitions;
        return consumer.assignment().contains(new TopicPartition(topics.deletionsApproved().name(), partition));
    }

    private List<Completion> drainCompletions(long waitMillis) throws InterruptedException {
        List<Completion> drained = new ArrayList<>();
        Completion first = waitMillis > 0 ? completions.poll(waitMillis, TimeUnit.MILLISECONDS) : completions.poll();
        if (first != null) {
            drained.add(first);
            completions.drainTo(drained);
        }
        return drained;
    }

    private void publish(OutcomePublisher publisher, List<Refusal> refusals, List<Completion> done) {
        publish(publisher, refusals, done, false);
    }

    /** @param force commit moved offsets even when nothing else is to be published (partitions leaving, stopping) */
    private void publish(OutcomePublisher publisher, List<Refusal> refusals, List<Completion> done, boolean force) {
        List<Step> steps = new ArrayList<>();
        List<Runnable> afterCommit = new ArrayList<>();
        for (Completion completion : done) {
            boolean release = completion.partition() == null;
            if (!release && !ledger.owns(completion.partition())) {
                continue; // partition lost meanwhile: its new owner repeats the approval, the re-read keeps that safe
            }
            Step step = completion.step();
            if (release) {
                ClientKey key = step.clientKey();
                if (step.quarantine() == Step.QuarantineChange.NONE) {
                    // the ending failed: retried later, and reported (ending the watch) only when it keeps failing
                    if (!book.failed(key, clock.instant())) {
                        LOG.warn("Ending the quarantine of {} failed, will retry: {}", key.getClientId(), step.outcome().getDetail());
                        continue;
                    }
                    step = new Step(step.outcome(), Step.QuarantineChange.END, null, null, null);
                }
                steps.add(step);
                afterCommit.add(() -> book.ended(key));
            } else {
                steps.add(step);
                ledger.finished(completion.partition(), completion.offset());
                Step finalStep = step;
                afterCommit.add(() -> {
                    inFlightApprovals.remove(completion.approvalId());
                    inFlightClients.remove(finalStep.clientKey());
                    handledApprovals.add(completion.approvalId());
                    if (finalStep.quarantine() == Step.QuarantineChange.START) {
                        book.started(finalStep.started());
                    } else if (finalStep.quarantine() == Step.QuarantineChange.END) {
                        book.ended(finalStep.clientKey()); // an intent whose change did not happen
                    }
                });
            }
        }
        List<IntentQueue.Pending> pending = intents.drain();
        if (!force && pending.isEmpty() && steps.isEmpty() && refusals.isEmpty() && clock.instant().isBefore(lastCommit.plus(OFFSETS_ONLY_EVERY))) {
            return; // nothing to tell anyone yet: no transaction just to move offsets
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.advanced();
        try {
            publisher.commit(pending.stream().map(IntentQueue.Pending::intent).toList(), steps, refusals, offsets, consumer.groupMetadata());
        } catch (RuntimeException e) {
            publisherFailed = true;
            pending.forEach(p -> p.committed().completeExceptionally(e));
            throw e;
        }
        lastCommit = clock.instant();
        ledger.committed(offsets);
        pending.forEach(p -> book.started(p.intent()));
        afterCommit.forEach(Runnable::run);
        pending.forEach(p -> p.committed().complete(null)); // only now may the lane's PUT or DELETE leave
        steps.forEach(s -> {
            if (s.outcome() != null) {
                stats.outcome(s.outcome());
            }
            if (s.refusal() != null) {
                stats.refused(s.refusal().rejection().getReason());
            }
        });
        refusals.forEach(r -> stats.refused(r.rejection().getReason()));
    }

    private void applyBackpressure() {
        Collection<TopicPartition> assigned = consumer.assignment();
        if (ledger.inFlight() >= settings.maxInFlight()) {
            consumer.pause(assigned);
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /** Before partitions move: publish what is done for them; the rest is repeated by the new owner. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final OutcomePublisher publisher;

        Rebalance(OutcomePublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (publisherFailed) {
                ledger.forget(partitions); // stopping after a failed commit: the partitions' next owner repeats the uncommitted work
                return;
            }
            try {
                publish(publisher, List.of(), drainCompletions(0), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ledger.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("Executor owns {} partition(s) of {}", partitions.size(), topics.deletionsApproved().name());
            if (!partitions.isEmpty() && assignedBefore) {
                reloadCommittedState();
            }
            if (!partitions.isEmpty()) {
                assignedBefore = true;
                lastActivity = clock.instant(); // idle time counts from owning work, not from before the group was joined
                stats.health(ExecutorHealth.RUNNING);
                stats.ready();
            }
        }
    }
}
