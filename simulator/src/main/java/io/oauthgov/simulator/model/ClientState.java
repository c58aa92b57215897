package io.oauthgov.simulator.model;

import java.util.Arrays;
import java.util.Optional;

/** OAuth client states as the API spells them. */
public enum ClientState {
    ACTIVE("active"),
    DISABLED("disabled"),
    INACTIVE("inactive");

    private final String wireName;

    ClientState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ClientState> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst();
    }
}
