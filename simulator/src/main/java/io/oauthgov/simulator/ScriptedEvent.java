package io.oauthgov.simulator;

import java.time.Instant;

/** A change the simulator made on its own: a mid-run script or listing drift. */
public record ScriptedEvent(Instant at, String orgId, String clientId, Kind kind) {

    public enum Kind { CHANGED_MID_RUN, VANISHED_MID_RUN, DRIFT_REMOVED, DRIFT_ADDED }
}
