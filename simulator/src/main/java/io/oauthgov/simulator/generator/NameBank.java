package io.oauthgov.simulator.generator;

import java.util.List;

/** Word lists that make generated organizations read like real ones. */
final class NameBank {
    static final List<String> SYSTEMS = List.of("Salesforce", "ServiceNow", "Zendesk", "Workday", "Snowflake",
            "Power BI", "Tableau", "Verint WFM", "NICE Quality", "Calabrio", "Twilio Bridge", "Okta", "Azure AD",
            "Splunk", "Datadog", "PagerDuty", "Jira", "Slack", "Teams", "SAP C4C", "Dynamics 365", "HubSpot",
            "Five9 Migration", "Qualtrics", "Medallia", "Google CCAI", "Nuance", "Genesys Engage Bridge");
    static final List<String> PURPOSES = List.of("Sync", "Export", "Reporting", "Bot", "Integration", "Analytics",
            "Recording Export", "WFM Connector", "CTI Adapter", "Data Lake Loader", "Survey Trigger",
            "Callback Scheduler", "Quality Export", "Archiver", "User Provisioning", "Presence Sync",
            "Dashboard Feed", "Outbound Dialer");
    static final List<String> SUFFIXES = List.of("", "", "", " (prod)", " - DEV", " TEST", " old", " v2", " POC",
            " - do not use", " EU", " backup");
    static final List<String> FIRST_NAMES = List.of("Alice", "Bruno", "Chen", "Dana", "Elif", "Farid", "Grace",
            "Hiro", "Ines", "Jonas", "Kavya", "Liam", "Maya", "Nikolai", "Olu", "Priya", "Quinn", "Rosa", "Sven",
            "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoe");
    static final List<String> LAST_NAMES = List.of("Anders", "Becker", "Costa", "Dubois", "Eriksen", "Fischer",
            "Garcia", "Huang", "Ivanova", "Jansen", "Kowalski", "Lopez", "Murphy", "Nakamura", "Okafor", "Patel",
            "Rossi", "Schmidt", "Tanaka", "Varga", "Walsh", "Yilmaz");
    static final List<String> ORG_NAMES = List.of("Northwind Contact Center", "Contoso Care", "Fabrikam Support",
            "Tailspin Service Desk", "Adventure Works CX", "Wide World Importers Care", "Litware Helpline",
            "Proseware Customer Care", "Woodgrove Bank Contact", "Alpine Ski House Support");
    static final List<String> OWNERS = List.of("Contact Center Platform", "CRM Team", "Data Engineering",
            "WFM Operations", "Security Engineering", "IT Integrations", "Digital Channels", "Quality Assurance");
    static final List<String> DESCRIPTIONS = List.of("", "", "Created for the integration project",
            "Nightly job", "Owned by the CX platform team", "Temporary - remove after migration",
            "Used by the reporting pipeline", "Ticket CHG-%d");

    static final List<String> READ_SCOPES = List.of("users:readonly", "analytics:readonly",
            "conversations:readonly", "routing:readonly", "recordings:readonly", "architect:readonly",
            "outbound:readonly", "presence:readonly", "notifications", "integrations:readonly", "quality:readonly",
            "workforce-management:readonly");
    static final List<String> WRITE_SCOPES = List.of("users", "analytics", "conversations", "routing",
            "recordings", "outbound", "architect", "presence", "quality", "workforce-management");
    /** Scopes a governance pipeline should treat as high risk: admin, wildcard-like and identity management. */
    static final List<String> HIGH_RISK_SCOPES = List.of("admin", "*", "oauth", "authorization", "scim");

    /** Division names; the first is the home division. */
    static final List<String> DIVISION_NAMES = List.of("Home", "EMEA", "Americas", "APAC", "Partners");

    /** Region name and the Genesys domain serving it. */
    static final List<List<String>> REGIONS = List.of(
            List.of("us-east-1", "mypurecloud.com"),
            List.of("eu-west-1", "mypurecloud.ie"),
            List.of("eu-central-1", "mypurecloud.de"),
            List.of("ap-southeast-2", "mypurecloud.com.au"),
            List.of("ca-central-1", "cac1.pure.cloud"),
            List.of("us-west-2", "usw2.pure.cloud"),
            List.of("ap-northeast-1", "mypurecloud.jp"),
            List.of("eu-west-2", "euw2.pure.cloud"),
            List.of("sa-east-1", "sae1.pure.cloud"));

    private NameBank() {
    }
}
