package io.oauthgov.cli;

import io.oauthgov.avro.Approval;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.cli.approvals.ApprovalPublisher;
import io.oauthgov.cli.approvals.ApprovalRequests;
import io.oauthgov.cli.approvals.OrgBrakes;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.cli.approvals.ApprovalSigningKey;
import io.oauthgov.cli.approvals.CandidateTable;
import io.oauthgov.cli.approvals.OpenCandidates;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oauthgov approve}: the built-in approval system. Lists the open deletion candidates and publishes a human's
 * APPROVE or REJECT decisions to the approvals topic, each quoting the candidate's current id and fingerprint and
 * signed with the HMAC key the analyzer's gate verifies. The gate, not this command, decides whether an approval
 * counts: this command only refuses what it can already tell is wrong (a client that is not a candidate).
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"List the open deletion candidates, or approve or reject some of them.",
                "",
                "Each decision goes to governance.approvals quoting the candidate's current",
                "fingerprint, so it lapses if the client changes before it is executed.",
                "Decisions are signed (HMAC-SHA256) with the key from --hmac-key-file or",
                "the environment variable OAUTHGOV_APPROVAL_HMAC_KEY; the analyzer accepts",
                "them only from approvers it trusts for the organization.",
                "",
                "  oauthgov approve --list [--org ORG]",
                "  oauthgov approve --approve CLIENT_ID... | --all [--org ORG]",
                "                   --approver EMAIL --ticket REF [--valid-for 7d]",
                "  oauthgov approve --reject CLIENT_ID... --approver EMAIL --ticket REF",
                "  oauthgov approve --confirm-surge ORG --approver EMAIL --ticket REF",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the candidates were listed, or every decision was published (shown only, with --dry-run)",
            "1:the topics could not be read or the decisions not published (broker or schema registry unreachable)",
            "2:invalid usage: a client id that is not an open candidate or is ambiguous (nothing is published), missing --approver or --ticket, bad --valid-for, unreadable or short HMAC key, topics missing"})
public final class ApproveCommand implements Callable<Integer> {
    private static final String LIST_HINT = "`oauthgov approve --list` shows the open candidates";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--list", description = "Print the open candidates: org, client id, name, eligible since, last used, reasons.")
        boolean list;

        @Option(names = "--approve", paramLabel = "CLIENT_ID", arity = "1..*",
                description = "Approve the deletion of these candidates.")
        List<String> approve;

        @Option(names = "--all", description = "Approve every open candidate (of --org, when given).")
        boolean all;

        @Option(names = "--reject", paramLabel = "CLIENT_ID", arity = "1..*",
                description = "Reject these candidates: the decision is recorded and nothing is deleted.")
        List<String> reject;

        @Option(names = "--confirm-surge", paramLabel = "ORG",
                description = "Confirm that the surge of candidates the brake holds in this organization is intended.")
        String confirmSurge;
    }

    @Option(names = "--org", paramLabel = "ORG", description = "Only this organization's candidates.")
    String org;

    @Option(names = "--approver", paramLabel = "EMAIL", description = "Who decides (required to approve or reject).")
    String approver;

    @Option(names = "--ticket", paramLabel = "REF", description = "The change ticket recording the decision (required to approve or reject).")
    String ticket;

    @Option(names = "--valid-for", paramLabel = "DURATION", defaultValue = "7d",
            description = "How long the gate accepts the decision, e.g. 12h, 7d (default: ${DEFAULT-VALUE}).")
    String validFor;

    @Option(names = "--source", defaultValue = ApprovalRequests.DEFAULT_SOURCE,
            description = "The approval system named in each decision (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--hmac-key-file", paramLabel = "FILE",
            description = "File holding the approval HMAC key (at least 16 bytes; default: env OAUTHGOV_APPROVAL_HMAC_KEY, then "
                    + "approvals.keyFile of --config). Without a key the decisions are unsigned, and an analyzer that has one refuses them.")
    Path hmacKeyFile;

    @Option(names = "--dry-run", description = "Show the decisions that would be published, publish nothing.")
    boolean dryRun;

    @Option(names = "--timeout", defaultValue = "1m", paramLabel = "DURATION",
            description = "How long reading the candidates may take (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
        Duration readTimeout = TimeArguments.duration(timeout, "--timeout", false);
        PrintWriter out = spec.commandLine().getOut();
        if (action.list) {
            Topics topics = kafka.topics();
            ClusterTopics.require(kafka.clientConfigs(), readTimeout, topics.candidates());
            List<DeletionCandidate> open = OpenCandidates.read(topics.candidates(), kafka.clientConfigs(), readTimeout).inOrg(org).all();
            list(out, open);
            return Main.OK;
        }

        // Everything the user can get wrong is checked before Kafka is contacted.
        ApprovalRequests.Terms terms = terms();
        // An explicit file wins; otherwise the deployment's key (OAUTHGOV_APPROVAL_HMAC_KEY or approvals.keyFile).
        Optional<byte[]> key = hmacKeyFile != null ? ApprovalSigningKey.load(hmacKeyFile, Map.of()) : kafka.deployment().approvalKey();
        Topics topics = kafka.topics();
        if (action.confirmSurge != null) {
            return confirmSurge(out, topics, terms, key, readTimeout);
        }
        ClusterTopics.require(kafka.clientConfigs(), readTimeout, topics.candidates(), topics.approvals());
        OpenCandidates open = OpenCandidates.read(topics.candidates(), kafka.clientConfigs(), readTimeout).inOrg(org);
        List<DeletionCandidate> chosen = action.all ? open.all() : chosen(open, action.approve != null ? action.approve : action.reject);
        if (chosen.isEmpty()) {
            out.println("no open candidates" + (org == null ? "" : " in org " + org) + ": nothing to approve");
            return Main.OK;
        }

        Instant now = Instant.now();
        List<Approval> approvals = new ArrayList<>();
        for (DeletionCandidate candidate : chosen) {
            Approval approval = ApprovalRequests.create(candidate, terms, now, key);
            approvals.add(approval);
            out.printf("%-7s %s/%s  %s  (candidate %s, fingerprint %s)%n", approval.getDecision(), approval.getOrgId(),
                    approval.getClientId(), candidate.getClientName(), approval.getCandidateId(), approval.getFingerprint());
        }
        if (!dryRun) {
            ApprovalPublisher.publish(topics.approvals(), kafka.clientConfigs(), approvals);
        }
        out.printf("%d %s%s %s %s by %s (ticket %s), valid until %s, %s%n", approvals.size(),
                terms.decision() == Decision.APPROVE ? "approval" : "rejection", approvals.size() == 1 ? "" : "s",
                dryRun ? "would be published to" : "published to", topics.approvals().name(), terms.approver(), terms.ticketRef(),
                approvals.get(0).getExpiresAt(),
                key.isPresent() ? "signed with the HMAC key" : "UNSIGNED (no HMAC key: an analyzer that has one refuses them)");
        if (dryRun) {
            out.println("dry run: nothing published");
        }
        return Main.OK;
    }

    private int confirmSurge(PrintWriter out, Topics topics, ApprovalRequests.Terms terms, Optional<byte[]> key, Duration timeout) {
        String orgId = action.confirmSurge.trim();
        if (orgId.isEmpty() || orgId.equals(OrgWide.CLIENT_ID)) {
            throw new UserError("--confirm-surge needs one organization id", "e.g. --confirm-surge 6f1c…");
        }
        ClusterTopics.require(kafka.clientConfigs(), timeout, topics.approvals());
        Approval confirmation = ApprovalRequests.confirmSurge(orgId, terms, Instant.now(), key);
        if (!dryRun) {
            ApprovalPublisher.publish(topics.approvals(), kafka.clientConfigs(), List.of(confirmation));
        }
        out.printf("surge confirmation for org %s %s by %s (ticket %s), valid until %s, %s%n", orgId,
                dryRun ? "would be published" : "published", terms.approver(), terms.ticketRef(), confirmation.getExpiresAt(),
                key.isPresent() ? "signed with the HMAC key" : "UNSIGNED (an analyzer with a key refuses it)");
        out.println("held approvals are not re-sent: approve the candidates again (oauthgov approve --approve ... or --all)");
        return Main.OK;
    }

    private void list(PrintWriter out, List<DeletionCandidate> open) {
        if (open.isEmpty()) {
            out.println("no open candidates");
            return;
        }
        CandidateTable.print(out, open);
        out.printf("%n%d open candidate%s; decide with: oauthgov approve --approve CLIENT_ID... --approver EMAIL --ticket REF%n",
                open.size(), open.size() == 1 ? "" : "s");
        Duration timeout = TimeArguments.duration(this.timeout, "--timeout", false);
        OrgBrakes.read(kafka.topics(), kafka.clientConfigs(), timeout).describe(open).forEach(out::println);
    }

    private ApprovalRequests.Terms terms() {
        if (approver == null || approver.isBlank()) {
            throw new UserError("--approver is required to approve or reject", "e.g. --approver alice@example.com");
        }
        if (ticket == null || ticket.isBlank()) {
            throw new UserError("--ticket is required to approve or reject", "name the change ticket that records the decision, e.g. --ticket CHG-1234");
        }
        Duration validity = TimeArguments.duration(validFor, "--valid-for", false);
        Decision decision = action.reject != null ? Decision.REJECT : Decision.APPROVE;
        return new ApprovalRequests.Terms(decision, approver, ticket.trim(), validity, source);
    }

    /** The named candidates, or a usage error naming every client id that is not one: all decisions or none. */
    private List<DeletionCandidate> chosen(OpenCandidates open, List<String> clientIds) {
        OpenCandidates.Selection selection = open.select(clientIds.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        if (selection.complete()) {
            return selection.found();
        }
        List<String> problems = new ArrayList<>();
        if (!selection.unknown().isEmpty()) {
            problems.add("not an open candidate" + (org == null ? "" : " in org " + org) + ": " + String.join(", ", selection.unknown()));
        }
        selection.ambiguous().forEach((clientId, orgs) ->
                problems.add("client id " + clientId + " is a candidate in several orgs (" + String.join(", ", orgs) + ")"));
        throw new UserError(String.join("; ", problems) + " — nothing was published",
                selection.ambiguous().isEmpty() ? LIST_HINT + "; a withdrawn candidate can no longer be decided"
                        : "narrow with --org ORG; " + LIST_HINT);
    }

}
