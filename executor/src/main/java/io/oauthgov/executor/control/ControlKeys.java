package io.oauthgov.executor.control;

import io.oauthgov.avro.ControlAction;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.avro.OrgKey;

/**
 * The key of a control record. The control topic is compacted, so the key decides what survives: the kill switch
 * of an org is keyed by the org (its latest ON/OFF wins), a restore by org and client, so restoring one client can
 * never compact away an org's kill switch and two restores never compact each other.
 */
public final class ControlKeys {
    private ControlKeys() {}

    public static OrgKey of(ControlCommand command) {
        return command.getCommand() == ControlAction.RESTORE
                ? new OrgKey(command.getOrgId() + "/" + command.getClientId())
                : new OrgKey(command.getOrgId());
    }
}
