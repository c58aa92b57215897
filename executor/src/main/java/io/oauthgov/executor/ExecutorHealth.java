package io.oauthgov.executor;

/** What an executor instance can do right now, for progress lines and health checks. */
public enum ExecutorHealth {
    /** Reading the registry, the control topic and its committed state: nothing is changed yet. */
    STARTING,
    /** The control topic or the registry cannot be read: every change stays stopped (fail closed) until they can. */
    CONTROL_PLANE_UNREADABLE,
    /** Consuming approved deletions; changes are made unless a kill switch is engaged. */
    RUNNING,
    /** Stopped, or failed. */
    STOPPED
}
