package io.oauthgov.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import java.nio.charset.StandardCharsets;

/**
 * The JSON a webhook receives. {@link Format#JSON}: the digest as data (every candidate with its times, findings and
 * evidence, and how to object) plus the human {@code text}; {@link Format#SLACK}: only {@code {"text": ...}}, which
 * Slack-compatible incoming webhooks (Slack, Mattermost, Rocket.Chat) post as a message.
 */
public final class WebhookPayload {
    public enum Format { JSON, SLACK }

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {}

    public static byte[] of(Digest digest, DigestText text, Format format) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", text.subject(digest) + "\n\n" + text.body(digest));
        if (format == Format.JSON) {
            root.put("digestId", digest.digestId());
            root.put("createdAt", digest.createdAt().toString());
            root.put("recipient", digest.recipient().shown());
            root.put("owner", digest.recipient().owner());
            root.put("viaFallback", digest.recipient().viaFallback());
            ArrayNode candidates = root.putArray("candidates");
            for (DeletionCandidate c : digest.candidates()) {
                ObjectNode node = candidates.addObject();
                node.put("candidateId", c.getCandidateId());
                node.put("fingerprint", c.getFingerprint());
                node.put("orgId", c.getOrgId());
                node.put("clientId", c.getClientId());
                node.put("clientName", c.getClientName());
                node.put("eligibleAt", c.getEligibleAt().toString());
                node.put("approvableFrom", text.approvableFrom(c, digest.createdAt()).toString());
                node.put("lastUsedAt", c.getLastUsedAt() == null ? null : c.getLastUsedAt().toString());
                ArrayNode reasons = node.putArray("reasons");
                for (Finding f : c.getReasons()) {
                    ObjectNode reason = reasons.addObject();
                    reason.put("ruleId", f.getRuleId());
                    reason.put("title", f.getTitle());
                    reason.put("severity", f.getSeverity().name());
                    reason.put("reason", f.getReason());
                    ObjectNode evidence = reason.putObject("evidence");
                    f.getEvidence().forEach(evidence::put);
                }
                node.put("objectCommand", "oauthgov approve --reject " + c.getClientId() + " --org " + c.getOrgId()
                        + " --approver <you> --ticket <ref>");
            }
        }
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook payload", e);
        }
    }
}
