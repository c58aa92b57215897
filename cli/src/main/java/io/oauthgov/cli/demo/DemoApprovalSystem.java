package io.oauthgov.cli.demo;

import io.oauthgov.avro.Approval;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.cli.approvals.ApprovalRequests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * The demo's stand-in for the humans behind an approval system (ServiceNow, a chat-ops bot): it decides about the
 * analyzer's candidates the way a team would over a day — most approved, a few rejected, some not looked at yet —
 * and adds two approvals the gate must refuse, an expired one and a forged one, so the demo shows the gate failing
 * closed next to the approvals it passes.
 *
 * <p>Deterministic for a seed: candidates are sorted by client id and shuffled with a seeded {@link Random}, and the
 * approval ids come from the same generator, so a demo run can be repeated exactly.
 */
public final class DemoApprovalSystem {
    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";
    /** Properly signed, but its validity ended before it was published: the gate refuses it as EXPIRED. */
    public static final String EXPIRED = "EXPIRED";
    /** Signed with a key the analyzer does not hold: the gate refuses it as BAD_SIGNATURE. */
    public static final String FORGED = "FORGED";

    static final String SOURCE = "oauthgov demo";
    static final Duration VALIDITY = Duration.ofDays(1);

    private DemoApprovalSystem() {}

    /** What the demo's simulated humans decide. */
    public record Plan(double approveShare, int rejections, boolean oneExpired, boolean oneForged) {
        public Plan {
            if (!(approveShare >= 0 && approveShare <= 1)) {
                throw new IllegalArgumentException("approveShare must be between 0 and 1, was " + approveShare);
            }
            if (rejections < 0) {
                throw new IllegalArgumentException("rejections must not be negative, was " + rejections);
            }
        }

        public static Plan defaults() {
            return new Plan(0.8, 3, true, true);
        }
    }

    /** intent per approvalId: APPROVE, REJECT, EXPIRED (approved but already expired), FORGED (bad signature) */
    public record Decisions(List<Approval> approvals, Map<String, String> intentByApprovalId) {
        public Decisions {
            approvals = List.copyOf(approvals);
            intentByApprovalId = Collections.unmodifiableMap(new LinkedHashMap<>(intentByApprovalId));
        }

        public long count(String intent) {
            return intentByApprovalId.values().stream().filter(intent::equals).count();
        }
    }

    /**
     * Approves {@code round(approveShare * candidates)} candidates, then takes the rejections, the expired and the
     * forged approval from the rest, in that order; whatever remains stays undecided. With few candidates the
     * approvals shrink to leave room for the others: the demo exists to show the gate refusing them.
     *
     * @param hmacKey the key the analyzer verifies approvals with (at least 16 bytes)
     */
    public static Decisions decide(Collection<DeletionCandidate> candidates, Plan plan, String approver, byte[] hmacKey,
                                   Instant now, long seed) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(now, "now");
        if (hmacKey == null || hmacKey.length < 16) {
            throw new IllegalArgumentException("the demo signs its approvals: an HMAC key of at least 16 bytes is required");
        }
        Random random = new Random(seed);
        List<DeletionCandidate> order = new ArrayList<>(candidates);
        order.sort(Comparator.comparing(DeletionCandidate::getClientId).thenComparing(DeletionCandidate::getOrgId));
        Collections.shuffle(order, random);

        int others = plan.rejections() + (plan.oneExpired() ? 1 : 0) + (plan.oneForged() ? 1 : 0);
        int approvals = (int) Math.min(Math.round(plan.approveShare() * order.size()), Math.max(0, order.size() - others));
        List<String> intents = new ArrayList<>(Collections.nCopies(approvals, APPROVE));
        intents.addAll(Collections.nCopies(plan.rejections(), REJECT));
        if (plan.oneExpired()) {
            intents.add(EXPIRED);
        }
        if (plan.oneForged()) {
            intents.add(FORGED);
        }

        List<Approval> decided = new ArrayList<>();
        Map<String, String> intentByApprovalId = new LinkedHashMap<>();
        byte[] forgerKey = forgerKey(random);
        for (int i = 0; i < Math.min(intents.size(), order.size()); i++) {
            String intent = intents.get(i);
            Approval approval = approval(order.get(i), intent, approver, hmacKey, forgerKey, now, i, random);
            decided.add(approval);
            intentByApprovalId.put(approval.getApprovalId(), intent);
        }
        return new Decisions(decided, intentByApprovalId);
    }

    private static Approval approval(DeletionCandidate candidate, String intent, String approver, byte[] hmacKey,
                                     byte[] forgerKey, Instant now, int index, Random random) {
        Decision decision = intent.equals(REJECT) ? Decision.REJECT : Decision.APPROVE;
        ApprovalRequests.Terms terms = new ApprovalRequests.Terms(decision, approver, "DEMO-" + (1001 + index), VALIDITY, SOURCE);
        // The expired approval was given two days ago and was valid for one: a decision that sat unused too long.
        Instant approvedAt = intent.equals(EXPIRED) ? now.minus(VALIDITY.multipliedBy(2)) : now;
        String approvalId = new UUID(random.nextLong(), random.nextLong()).toString();
        Approval unsigned = ApprovalRequests.unsigned(candidate, terms, approvedAt, approvalId);
        return ApprovalRequests.signed(unsigned, intent.equals(FORGED) ? forgerKey : hmacKey);
    }

    /** Someone with write access to the topic but not the analyzer's key: a well-formed HMAC, just the wrong one. */
    private static byte[] forgerKey(Random random) {
        return ("forger-" + Long.toHexString(random.nextLong()) + "-not-the-analyzer-key").getBytes(StandardCharsets.UTF_8);
    }
}
