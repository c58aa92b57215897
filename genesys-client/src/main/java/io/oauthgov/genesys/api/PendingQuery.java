package io.oauthgov.genesys.api;

/**
 * An asynchronous query (usage, audit) the platform is already running. Submitting first and awaiting later lets a
 * caller spend its rate budget on other reads while the platform works, instead of waiting for the query idle.
 */
@FunctionalInterface
public interface PendingQuery<T> {
    /** Polls until the query finished (paced by the identity's governor) and returns its result. */
    T await();
}
