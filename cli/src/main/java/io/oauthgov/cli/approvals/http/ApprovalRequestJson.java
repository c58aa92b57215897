package io.oauthgov.cli.approvals.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oauthgov.avro.Decision;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The body an approval system posts, e.g. from a ServiceNow or Jira workflow:
 * <pre>{"candidateId": "org-1/c-9/3f2a…", "fingerprint": "3f2a…", "decision": "APPROVE",
 *  "approver": "jane@example.com", "ticket": "CHG0012345", "expiresAt": "2026-12-09T00:00:00Z"}</pre>
 * {@code decision} is APPROVE or REJECT (REJECT snoozes the candidate); {@code expiresAt} is optional (default: seven
 * days) and at most {@link #MAX_VALIDITY} ahead. Unknown fields are refused, so a typo never silently drops a value.
 */
record ApprovalRequestJson(String candidateId, String fingerprint, Decision decision, String approver, String ticket,
                           Optional<Instant> expiresAt) {
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    static final Duration MAX_VALIDITY = Duration.ofDays(30);
    private static final Set<String> FIELDS = Set.of("candidateId", "fingerprint", "decision", "approver", "ticket", "expiresAt");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request is not one: {@link #getMessage()} says what to fix. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    static ApprovalRequestJson parse(byte[] body, Instant now) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Malformed("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new Malformed("unreadable body");
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("the body must be a JSON object with " + FIELDS);
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new Malformed("unknown field '" + field + "' (known: " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }
        String decisionText = required(root, "decision").toUpperCase(Locale.ROOT);
        Decision decision;
        try {
            decision = Decision.valueOf(decisionText);
        } catch (IllegalArgumentException e) {
            throw new Malformed("decision must be APPROVE or REJECT, was '" + decisionText + "'");
        }
        Optional<Instant> expiresAt = Optional.empty();
        if (root.hasNonNull("expiresAt")) {
            try {
                expiresAt = Optional.of(Instant.parse(root.get("expiresAt").asText()));
            } catch (DateTimeParseException e) {
                throw new Malformed("expiresAt must be an ISO-8601 instant such as 2026-12-09T00:00:00Z");
            }
            if (!expiresAt.get().isAfter(now)) {
                throw new Malformed("expiresAt " + expiresAt.get() + " is not in the future");
            }
            if (expiresAt.get().isAfter(now.plus(MAX_VALIDITY))) {
                throw new Malformed("expiresAt is more than " + MAX_VALIDITY.toDays() + " days ahead");
            }
        }
        return new ApprovalRequestJson(required(root, "candidateId"), required(root, "fingerprint"), decision,
                required(root, "approver"), required(root, "ticket"), expiresAt);
    }

    Duration validity(Instant now) {
        return expiresAt.map(at -> Duration.between(now, at)).orElse(DEFAULT_VALIDITY);
    }

    private static String required(JsonNode root, String field) throws Malformed {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || !node.isTextual() || node.asText().isBlank()) {
            throw new Malformed(field + " is required (a non-empty string)");
        }
        return node.asText().trim();
    }
}
