package io.oauthgov.schemas.siem;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.FindingStatus;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
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

    /** The event as a JSON tree: what {@link #toJson} writes, read back (for tests and tools; the feed streams it). */
    public static ObjectNode toOcsf(RiskEvent event) {
        try {
            return (ObjectNode) MAPPER.readTree(toJsonBytes(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toJson(RiskEvent event) {
        return new String(toJsonBytes(event), StandardCharsets.UTF_8);
    }

    /**
     * The event as OCSF JSON in UTF-8, written field by field: building a tree first and then writing it was about
     * half of this rendering's cost, and the rendering 8 % of the analyzer's stream thread on a first collection
     * (async-profiler, 2026-12-02), where every proposed client gets a risk event.
     */
    public static byte[] toJsonBytes(RiskEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2_048);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            write(event, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(RiskEvent event, JsonGenerator json) throws IOException {
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

        json.writeStartObject();
        json.writeNumberField("class_uid", CLASS_UID);
        json.writeStringField("class_name", "Detection Finding");
        json.writeNumberField("category_uid", 2);
        json.writeStringField("category_name", "Findings");
        json.writeNumberField("activity_id", activityId);
        json.writeStringField("activity_name", activity);
        json.writeNumberField("type_uid", CLASS_UID * 100 + activityId);
        json.writeStringField("type_name", "Detection Finding: " + activity);
        json.writeNumberField("status_id", statusId);
        json.writeStringField("status", statusName(lifecycle));
        json.writeNumberField("time", event.getTime().toEpochMilli());
        json.writeNumberField("severity_id", event.getSeverity().ordinal() + 1);
        json.writeStringField("severity", title(event.getSeverity().name()));
        json.writeNumberField("risk_score", event.getScore());
        json.writeNumberField("risk_level_id", riskLevel);
        json.writeStringField("risk_level", RISK_LEVELS[riskLevel]);
        json.writeBooleanField("is_alert", activityId != 3 && event.getSeverity() != Severity.INFORMATIONAL);
        json.writeStringField("message", title);

        json.writeObjectFieldStart("metadata");
        json.writeStringField("version", OCSF_VERSION);
        json.writeStringField("uid", event.getEventId());
        json.writeArrayFieldStart("profiles");
        json.writeString("cloud");
        json.writeEndArray();
        json.writeObjectFieldStart("product");
        json.writeStringField("name", "oauthgov");
        json.writeStringField("vendor_name", "oauthgov");
        json.writeEndObject();
        json.writeEndObject();

        json.writeObjectFieldStart("finding_info");
        json.writeStringField("uid", findingUid(event.getOrgId(), event.getClientId(), event.getPolicyId()));
        json.writeStringField("title", title);
        if (!event.getFindings().isEmpty()) {
            json.writeStringField("desc", String.join(" ", event.getFindings().stream().map(Finding::getReason).toList()));
        }
        json.writeArrayFieldStart("types");
        for (Finding f : event.getFindings()) {
            json.writeString(f.getRuleId());
        }
        json.writeEndArray();
        json.writeEndObject();

        json.writeObjectFieldStart("cloud");
        json.writeStringField("provider", "Genesys Cloud");
        if (event.getRegion() != null) {
            json.writeStringField("region", event.getRegion());
        }
        json.writeObjectFieldStart("account");
        json.writeStringField("uid", event.getOrgId());
        json.writeEndObject();
        json.writeEndObject();

        json.writeArrayFieldStart("resources");
        json.writeStartObject();
        json.writeStringField("uid", event.getClientId());
        json.writeStringField("name", event.getClientName());
        json.writeStringField("type", "OAuth Client");
        if (event.getOwner() != null && !event.getOwner().isBlank()) {
            json.writeObjectFieldStart("owner");
            json.writeStringField("name", event.getOwner());
            if (EMAIL.matcher(event.getOwner()).matches()) {
                json.writeStringField("email_addr", event.getOwner());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndArray();

        json.writeObjectFieldStart("unmapped");
        json.writeArrayFieldStart("findings");
        for (Finding f : event.getFindings()) {
            json.writeStartObject();
            json.writeStringField("rule_id", f.getRuleId());
            json.writeStringField("title", f.getTitle());
            json.writeStringField("reason", f.getReason());
            json.writeStringField("severity", title(f.getSeverity().name()));
            json.writeObjectFieldStart("evidence");
            for (Map.Entry<String, String> e : new TreeMap<>(f.getEvidence()).entrySet()) {
                json.writeStringField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("candidate", event.getCandidate().name());
        if (event.getCandidateNote() != null) {
            json.writeStringField("candidate_note", event.getCandidateNote());
        }
        if (!event.getUsedDomains().isEmpty()) {
            json.writeArrayFieldStart("used_domains");
            for (String domain : event.getUsedDomains()) {
                json.writeString(domain);
            }
            json.writeEndArray();
        }
        json.writeStringField("policy_id", event.getPolicyId());
        json.writeStringField("policy_version", event.getPolicyVersion());
        json.writeEndObject();
        json.writeEndObject();
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
