package io.oauthgov.simulator.model;

import java.time.Instant;
import java.util.List;

/**
 * The audit entry Genesys writes when an OAuth client obtains an access token, as far as public sources show it:
 * <ul>
 *   <li>service {@code PeoplePermissions}, entity type {@code AccessToken}: a Genesys developer-forum thread
 *       ("AuditApi - PeoplePermissions AccessToken response question", community.genesys.com, 2022-11) queries
 *       {@code /api/v2/audits/query} with exactly that service and an {@code EntityType=AccessToken} filter;</li>
 *   <li>{@code ACCESSTOKENCREATE_SUCCESS} is the entry's {@code message.localizableMessageCode} (message
 *       "access token created"), not its {@code action}: no SDK's {@code AuditLogMessage} action enum has such a
 *       value (platform-client-sdk-java docs/AuditLogMessage.md lists Create, Delete, Authorize, Revoke, ...;
 *       SDK 198.1.0 types {@code action} and {@code entityType} as plain strings). So the action is
 *       {@code Create} and the outcome is {@code status} ({@code SUCCESS}/{@code FAILURE}/{@code WARNING}, the
 *       SDK's {@code StatusEnum});</li>
 *   <li>the same thread has a Genesys engineer name the failure code {@code ACCESS_TOKEN_CREATE_FAILURE}
 *       ("failed to create access token"), adding he could not make the API produce one; the simulator therefore
 *       never generates failures on its own, but renders them faithfully when a test adds one;</li>
 *   <li>the OAuth client that got the token is {@code client.id}: the SDK documents {@code client} as the
 *       "Client associated with this audit message" and {@code entity} as the "Entity that was impacted" (here the
 *       token), and Genesys data exports describe {@code client_id} as "the OAUTH client_id of the client that
 *       triggered the audit log message" (docs.kervexperience.net, table audit_log_message). {@code entity.id} is
 *       an opaque token id, never the client's id.</li>
 * </ul>
 * A client-credentials grant has no user, so {@code user} is absent.
 */
public final class TokenGrant {
    public static final String ENTITY_TYPE = "AccessToken";
    public static final String ACTION = "Create";
    public static final String SUCCESS_MESSAGE_CODE = "ACCESSTOKENCREATE_SUCCESS";
    public static final String FAILURE_MESSAGE_CODE = "ACCESS_TOKEN_CREATE_FAILURE";

    private TokenGrant() {
    }

    /** A token grant to {@code clientId} at {@code at}; {@code tokenId} names the token, not the client. */
    public static AuditEntry entry(String id, Instant at, String clientId, String tokenId, boolean succeeded,
            String remoteIp) {
        return new AuditEntry(id, at, null, clientId, ServiceMapping.PEOPLE_PERMISSIONS, ACTION, ENTITY_TYPE,
                new EntityRef(tokenId, null), "SYSTEM", succeeded ? "SUCCESS" : "FAILURE", remoteIp, List.of());
    }

    public static boolean isTokenGrant(AuditEntry entry) {
        return ENTITY_TYPE.equals(entry.entityType()) && ACTION.equals(entry.action());
    }

    /** {@code message.localizableMessageCode} of a token grant. */
    public static String messageCode(AuditEntry grant) {
        return "SUCCESS".equals(grant.status()) ? SUCCESS_MESSAGE_CODE : FAILURE_MESSAGE_CODE;
    }

    /** {@code message.message} of a token grant. */
    public static String message(AuditEntry grant) {
        return "SUCCESS".equals(grant.status()) ? "access token created" : "failed to create access token";
    }
}
