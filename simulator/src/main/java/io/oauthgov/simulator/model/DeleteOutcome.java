package io.oauthgov.simulator.model;

/** What a DELETE did to a client; the HTTP layer maps these to status codes. */
public enum DeleteOutcome {
    NOT_FOUND,
    /** The API refuses to delete a client that is not {@code inactive} (400 {@code cannot.delete.client}). */
    REFUSED_NOT_INACTIVE,
    /** Younger than 30 days: gone at once, GET answers 404. */
    PURGED,
    /** Older than 30 days: stays {@code inactive} with {@code dateToDelete} 7 days ahead, restorable until then. */
    SCHEDULED
}
