package io.oauthgov.cli.approvals.http;

import io.oauthgov.schemas.signature.BodySignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * Who may post approvals: a request is authentic when it carries a valid {@link BodySignature} made with the
 * endpoint's HMAC key, or {@code Authorization: Bearer <token>} with the endpoint's token (compared in constant
 * time). At least one of the two is configured: the endpoint never runs open.
 */
final class RequestAuthenticator {
    private final Optional<byte[]> hmacKey;
    private final Optional<byte[]> token;
    private final Clock clock;

    RequestAuthenticator(Optional<byte[]> hmacKey, Optional<String> token, Clock clock) {
        if (hmacKey.isEmpty() && token.isEmpty()) {
            throw new IllegalArgumentException("the approvals endpoint needs an HMAC key or a bearer token: it never accepts anonymous approvals");
        }
        this.hmacKey = hmacKey;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    /** @return why the request is not authentic, empty when it is */
    Optional<String> problem(String authorization, String timestamp, String signature, byte[] body) {
        if (token.isPresent() && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(token.get(), given) ? Optional.empty() : Optional.of("the bearer token is not the endpoint's");
        }
        if (hmacKey.isPresent() && signature != null) {
            return Optional.ofNullable(BodySignature.problem(hmacKey.get(), timestamp, signature, body, clock.instant()));
        }
        return Optional.of("no credentials: sign the body (" + BodySignature.SIGNATURE_HEADER + ", " + BodySignature.TIMESTAMP_HEADER
                + ")" + (token.isPresent() ? " or send Authorization: Bearer <token>" : ""));
    }
}
