package io.oauthgov.simulator;

/** When the CHANGES_MID_RUN / VANISHES_MID_RUN clients of an org are changed or deleted. */
public enum MidRunTrigger {
    /** Only when a test or the demo calls {@link GenesysSimulator#triggerMidRunChanges(String)}. */
    MANUAL,
    /** Right after the org's first complete client listing was served (the collector's first snapshot). */
    AFTER_FIRST_FULL_LISTING
}
