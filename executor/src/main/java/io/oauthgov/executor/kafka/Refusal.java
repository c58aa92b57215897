package io.oauthgov.executor.kafka;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Rejection;

/** A rejection and its key on {@code governance.rejected}: the client when known, null when the input was unreadable. */
public record Refusal(ClientKey key, Rejection rejection) {}
