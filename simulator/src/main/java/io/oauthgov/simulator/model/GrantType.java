package io.oauthgov.simulator.model;

import java.util.Arrays;
import java.util.Optional;

/** OAuth grant types with the exact spelling the Genesys API puts on the wire (hyphens, not underscores). */
public enum GrantType {
    CODE("CODE", true),
    TOKEN("TOKEN", true),
    SAML2_BEARER("SAML2-BEARER", true),
    PASSWORD("PASSWORD", false),
    CLIENT_CREDENTIALS("CLIENT-CREDENTIALS", false);

    private final String wireName;
    private final boolean userFacing;

    GrantType(String wireName, boolean userFacing) {
        this.wireName = wireName;
        this.userFacing = userFacing;
    }

    public String wireName() {
        return wireName;
    }

    /** Grants that act on behalf of a signed-in person; their use does not show up as machine traffic. */
    public boolean userFacing() {
        return userFacing;
    }

    /** Only browser-redirect grants need a registered redirect URI. */
    public boolean needsRedirectUri() {
        return this == CODE || this == TOKEN;
    }

    public static Optional<GrantType> fromWire(String value) {
        return Arrays.stream(values()).filter(g -> g.wireName.equals(value)).findFirst();
    }
}
