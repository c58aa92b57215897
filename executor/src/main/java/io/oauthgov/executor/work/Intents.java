package io.oauthgov.executor.work;

import io.oauthgov.avro.QuarantineEntry;

/**
 * Records an intent — "about to deactivate X", "about to delete X" — and returns only once it is committed, so the
 * irreversible call that follows can never happen without a durable trace of who made it. A restart that finds X
 * inactive or gone then knows it was this executor, whatever happened between the call and the outcome's commit.
 */
public interface Intents {
    /** Blocks until the intent is committed; throws when it cannot be (the call must then not be made). */
    void record(QuarantineEntry intent) throws InterruptedException;
}
