package io.oauthgov.simulator.faults;

/** Which calling identities a fault hits. */
public record FaultTarget(String identity) {
    private static final FaultTarget EVERYONE = new FaultTarget(null);

    public static FaultTarget everyone() {
        return EVERYONE;
    }

    /** Only calls made with a token of this OAuth client id. */
    public static FaultTarget identity(String clientId) {
        return new FaultTarget(clientId);
    }

    public boolean hits(String callerClientId) {
        return identity == null || identity.equals(callerClientId);
    }
}
