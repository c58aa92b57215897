package io.oauthgov.schemas.siem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.FindingStatus;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Renders a {@link RiskEvent} as an OCSF {@value #OCSF_VERSION} Detection Finding (class 2004) in JSON: what
 * {@code governance.risk.ocsf} carries for SIEMs that do not read Avro (Splunk HEC, Elastic, Sentinel connectors with
 * a plain JSON converter). The mapping:
 *
 * <table>
 *   <caption>RiskEvent → OCSF Detection Finding</caption>
 *   <tr><th>RiskEvent</th><th>OCSF</th></tr>
 *   <tr><td>(constant)</td><td>class_uid 2004, category_uid 2 (Findings), type_uid 2004·100 + activity_id;
 *       metadata.version, metadata.product (oauthgov), metadata.profiles [cloud]</td></tr>
 *   <tr><td>status NEW / CHANGED / RESOLVED</td><td>activity_id 1 Create / 2 Update / 3 Close; is_alert unless closed</td></tr>
 *   <tr><td>findingStatus NEW / IN_PROGRESS / SUPPRESSED / RESOLVED</td><td>status_id 1 New / 2 In Progress /
 *       3 Suppressed / 4 Resolved (events written before the field: from status and candidate)</td></tr>
 *   <tr><td>orgId, clientId, policyId</td><td>finding_info.uid: a name-based UUID of the three, so every event of one
 *       finding (Create, Update, Close; a finding that reopens too) carries the same uid</td></tr>
 *   <tr><td>eventId</td><td>metadata.uid (one per event)</td></tr>
 *   <tr><td>findings[].ruleId, findings[].title (joined), findings[].reason (joined)</td>
 *       <td>finding_info.types[], finding_info.title, finding_info.desc; message</td></tr>
 *   <tr><td>time</td><td>time (epoch ms)</td></tr>
 *   <tr><td>severity INFORMATIONAL..CRITICAL</td><td>severity_id 1..5 and severity; risk_level_id 0..4 and risk_level</td></tr>
 *   <tr><td>score</td><td>risk_score</td></tr>
 *   <tr><td>orgId, region</td><td>cloud.account.uid, cloud.region (cloud.provider "Genesys Cloud")</td></tr>
 *   <tr><td>clientId, clientName, owner</td><td>resources[0].uid, .name, .owner.name (and .owner.email_addr when the
 *       owner is an address); type "OAuth Client"</td></tr>
 *   <tr><td>findings (reason, severity, evidence), candidate, candidateNote, usedDomains, policyId, policyVersion</td>
 *       <td>unmapped.* (no OCSF attribute carries them)</td></tr>
 * </table>
 */
public final class OcsfDetectionFinding {
    public static final int CLASS_UID = 2004;
    /** The OCSF release the feed follows: github.com/ocsf/ocsf-schema tag v1.8.0. */
    public static final String OCSF_VERSION = "1.8.0";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");
    private static final String[] RISK_LEVELS = {"Info", "Low", "Medium", "High", "Critical"};

    private OcsfDetectionFinding() {}

    /** The uid every event of one finding carries: one finding per (org, client, rule set). */
    public static String findingUid(String orgId, String clientId, String policyId) {
        String identity = String.join("|", "oauthgov-finding", orgId, clientId, policyId);
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The lifecycle state; events written before {@code findingStatus} existed get it from their status and candidate. */
    public static FindingStatus lifecycle(RiskEvent event) {
        if (event.getFindingStatus() != null) {
            return event.getFindingStatus();
        }
        if (event.getStatus() == RiskStatus.RESOLVED) {
            return FindingStatus.RESOLVED;
        }
        return event.getCandidate() == CandidateChange.PROPOSED ? FindingStatus.IN_PROGRESS : FindingStatus.NEW;
    }

    public static ObjectNode toOcsf(RiskEvent event) {
        int activityId = switch (event.getStatus()) {
            case NEW -> 1;
            case CHANGED -> 2;
            case RESOLVED -> 3;
        };
        FindingStatus lifecycle = lifecycle(event);
        int statusId = switch (lifecycle) {
            case NEW -> 1;
            case IN_PROGRESS -> 2;
            case SUPPRESSED -> 3;
            case RESOLVED -> 4;
        };
        String activity = activityId == 1 ? "Create" : activityId == 2 ? "Update" : "Close";
        String title = event.getFindings().isEmpty() ? "Resolved: no findings for OAuth client " + event.getClientName()
                : String.join("; ", event.getFindings().stream().map(Finding::getTitle).toList());
        int riskLevel = event.getSeverity().ordinal();

        ObjectNode root = MAPPER.createObjectNode();
        root.put("class_uid", CLASS_UID).put("class_name", "Detection Finding")
                .put("category_uid", 2).put("category_name", "Findings")
                .put("activity_id", activityId).put("activity_name", activity)
                .put("type_uid", CLASS_UID * 100 + activityId).put("type_name", "Detection Finding: " + activity)
                .put("status_id", statusId).put("status", statusName(lifecycle))
                .put("time", event.getTime().toEpochMilli())
                .put("severity_id", event.getSeverity().ordinal() + 1)
                .put("severity", title(event.getSeverity().name()))
                .put("risk_score", event.getScore())
                .put("risk_level_id", riskLevel).put("risk_level", RISK_LEVELS[riskLevel])
                .put("is_alert", activityId != 3 && event.getSeverity() != Severity.INFORMATIONAL)
                .put("message", title);
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("version", OCSF_VERSION).put("uid", event.getEventId());
        metadata.putArray("profiles").add("cloud");
        metadata.putObject("product").put("name", "oauthgov").put("vendor_name", "oauthgov");

        ObjectNode info = root.putObject("finding_info");
        info.put("uid", findingUid(event.getOrgId(), event.getClientId(), event.getPolicyId()));
        info.put("title", title);
        if (!event.getFindings().isEmpty()) {
            info.put("desc", String.join(" ", event.getFindings().stream().map(Finding::getReason).toList()));
        }
        ArrayNode types = info.putArray("types");
        event.getFindings().forEach(f -> types.add(f.getRuleId()));

        ObjectNode cloud = root.putObject("cloud");
        cloud.put("provider", "Genesys Cloud");
        if (event.getRegion() != null) {
            cloud.put("region", event.getRegion());
        }
        cloud.putObject("account").put("uid", event.getOrgId());
        ObjectNode resource = root.putArray("resources").addObject().put("uid", event.getClientId())
                .put("name", event.getClientName()).put("type", "OAuth Client");
        if (event.getOwner() != null && !event.getOwner().isBlank()) {
            ObjectNode owner = resource.putObject("owner").put("name", event.getOwner());
            if (EMAIL.matcher(event.getOwner()).matches()) {
                owner.put("email_addr", event.getOwner());
            }
        }

        ObjectNode unmapped = root.putObject("unmapped");
        ArrayNode findings = unmapped.putArray("findings");
        for (Finding f : event.getFindings()) {
            ObjectNode finding = findings.addObject().put("rule_id", f.getRuleId()).put("title", f.getTitle())
                    .put("reason", f.getReason()).put("severity", title(f.getSeverity().name()));
            ObjectNode evidence = finding.putObject("evidence");
            new TreeMap<>(f.getEvidence()).forEach(evidence::put);
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

    private static String statusName(FindingStatus status) {
        return switch (status) {
            case NEW -> "New";
            case IN_PROGRESS -> "In Progress";
            case SUPPRESSED -> "Suppressed";
            case RESOLVED -> "Resolved";
        };
    }

    private static String title(String upper) {
        return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }
}
