package io.oauthgov.executor.trust;

import io.oauthgov.avro.RejectionReason;

/** Why an approval does not verify: the reason published to {@code governance.rejected}, and the detail for a person. */
public record Verdict(RejectionReason reason, String detail) {}
