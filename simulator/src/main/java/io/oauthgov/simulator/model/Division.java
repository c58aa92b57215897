package io.oauthgov.simulator.model;

/** An authorization division ({@code AuthzDivision}); exactly one per organization is the home division. */
public record Division(String id, String name, String description, boolean homeDivision) {

    /** The division id a grant uses to mean every division, present and future. */
    public static final String ALL = "*";
}
