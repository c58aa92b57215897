package io.oauthgov.simulator.model;

/** A reference to a user or client ({@code createdBy}, {@code modifiedBy}, audit {@code user}). */
public record EntityRef(String id, String name) {
}
