package io.oauthgov.analyzer.siem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.RiskEvent;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link RiskEvent} as an OCSF 1.3 Detection Finding (class 2004) in JSON, for SIEMs that do not read
 * Avro (e.g. a JSON mirror of {@code governance.risk}, or {@code oauthgov} printing events). The mapping:
 *
 * <table>
 *   <caption>RiskEvent → OCSF Detection Finding</caption>
 *   <tr><th>RiskEvent</th><th>OCSF</th></tr>
 *   <tr><td>(constant)</td><td>class_uid 2004, category_uid 2 (Findings), type_uid 2004·100 + activity_id</td></tr>
 *   <tr><td>status NEW / CHANGED / RESOLVED</td><td>activity_id 1 Create / 2 Update / 3 Close;
 *       status_id 1 New / 2 In Progress / 4 Resolved</td></tr>
 *   <tr><td>eventId</td><td>finding_info.uid</td></tr>
 *   <tr><td>findings[].ruleId</td><td>finding_info.types[]</td></tr>
 *   <tr><td>findings[].title (joined)</td><td>finding_info.title</td></tr>
 *   <tr><td>time</td><td>time (epoch ms)</td></tr>
 *   <tr><td>severity INFORMATIONAL..CRITICAL</td><td>severity_id 1..5, severity</td></tr>
 *   <tr><td>score</td><td>risk_score</td></tr>
 *   <tr><td>orgId, region</td><td>cloud.account.uid, cloud.region (cloud.provider "Genesys Cloud")</td></tr>
 *   <tr><td>clientId, clientName</td><td>resources[0].uid, resources[0].name (type "OAuth Client")</td></tr>
 *   <tr><td>findings (reason, severity, evidence), candidate, candidateNote, usedDomains, policyId, policyVersion</td>
 *       <td>unmapped.* (no OCSF attribute carries them)</td></tr>
 * </table>
 */
public final class OcsfDetectionFinding {
    public static final int CLASS_UID = 2004;
    public static final String OCSF_VERSION = "1.3.0";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OcsfDetectionFinding() {}

    public static ObjectNode toOcsf(RiskEvent event) {
        int activityId = switch (event.getStatus()) {
            case NEW -> 1;
            case CHANGED -> 2;
            case RESOLVED -> 3;
        };
        int statusId = switch (event.getStatus()) {
            case NEW -> 1;
            case CHANGED -> 2;
            case RESOLVED -> 4;
        };
        ObjectNode root = MAPPER.createObjectNode();
        root.put("class_uid", CLASS_UID).put("class_name", "Detection Finding")
                .put("category_uid", 2).put("category_name", "Findings")
                .put("activity_id", activityId).put("activity_name", activityId == 1 ? "Create" : activityId == 2 ? "Update" : "Close")
                .put("type_uid", CLASS_UID * 100 + activityId)
                .put("status_id", statusId).put("status", statusId == 1 ? "New" : statusId == 2 ? "In Progress" : "Resolved")
                .put("time", event.getTime().toEpochMilli())
                .put("severity_id", event.getSeverity().ordinal() + 1)
                .put("severity", title(event.getSeverity().name()))
                .put("risk_score", event.getScore());
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.putObject("product").put("name", "oauthgov").put("vendor_name", "oauthgov");

        ObjectNode info = root.putObject("finding_info");
        info.put("uid", event.getEventId());
        info.put("title", event.getFindings().isEmpty() ? "Resolved: no findings for OAuth client " + event.getClientName()
                : String.join("; ", event.getFindings().stream().map(Finding::getTitle).toList()));
        ArrayNode types = info.putArray("types");
        event.getFindings().forEach(f -> types.add(f.getRuleId()));

        ObjectNode cloud = root.putObject("cloud");
        cloud.put("provider", "Genesys Cloud");
        if (event.getRegion() != null) {
            cloud.put("region", event.getRegion());
        }
        cloud.putObject("account").put("uid", event.getOrgId());
        root.putArray("resources").addObject().put("uid", event.getClientId()).put("name", event.getClientName())
                .put("type", "OAuth Client");

        ObjectNode unmapped = root.putObject("unmapped");
        ArrayNode findings = unmapped.putArray("findings");
        for (Finding f : event.getFindings()) {
            ObjectNode finding = findings.addObject().put("rule_id", f.getRuleId()).put("title", f.getTitle())
                    .put("reason", f.getReason()).put("severity", title(f.getSeverity().name()));
            ObjectNode evidence = finding.putObject("evidence");
            new TreeMap<>(f.getEvidence()).forEach((k, v) -> evidence.put(k, v));
        }
        unmapped.put("candidate", event.getCandidate().name());
        if (event.getCandidateNote() != null) {
            unmapped.put("candidate_note", event.getCandidateNote());
        }
        if (!event.getUsedDomains().isEmpty()) {
            event.getUsedDomains().forEach(unmapped.putArray("used_domains")::add);
        }
        unmapped.put("policy_id", event.getPolicyId()).put("policy_version", event.getPolicyVersion());
        return root;
    }

    public static String toJson(RiskEvent event) {
        try {
            return MAPPER.writeValueAsString(toOcsf(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String title(String upper) {
        return upper.charAt(0) + upper.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** For callers wanting a Map (e.g. a logging appender). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(RiskEvent event) {
        return MAPPER.convertValue(toOcsf(event), Map.class);
    }
}
