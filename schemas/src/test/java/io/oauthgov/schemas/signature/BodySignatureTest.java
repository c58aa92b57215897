package io.oauthgov.schemas.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BodySignatureTest {
    private static final byte[] KEY = "webhook-key-for-tests".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"decision\":\"APPROVE\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aBodySignedWithTheKeyVerifies() {
        String signature = BodySignature.sign(KEY, AT, BODY);

        assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
        assertThat(BodySignature.problem(KEY, BodySignature.timestamp(AT), signature, BODY, AT.plusSeconds(30))).isNull();
    }

    @Test
    void anotherBodyAnotherKeyOrAnotherTimestampDoNotVerify() {
        String signature = BodySignature.sign(KEY, AT, BODY);

        assertThat(BodySignature.problem(KEY, BodySignature.timestamp(AT), signature, "{}".getBytes(StandardCharsets.UTF_8), AT))
                .contains("does not match");
        assertThat(BodySignature.problem("other".getBytes(StandardCharsets.UTF_8), BodySignature.timestamp(AT), signature, BODY, AT))
                .contains("does not match");
        assertThat(BodySignature.problem(KEY, BodySignature.timestamp(AT.plusSeconds(1)), signature, BODY, AT)).contains("does not match");
    }

    @Test
    void aSignatureOlderThanTheToleranceIsARefusedReplay() {
        String signature = BodySignature.sign(KEY, AT, BODY);

        assertThat(BodySignature.problem(KEY, BodySignature.timestamp(AT), signature, BODY, AT.plus(Duration.ofMinutes(6))))
                .contains("replayed");
    }

    @Test
    void missingOrMalformedHeadersAreNamed() {
        assertThat(BodySignature.problem(KEY, null, "sha256=00", BODY, AT)).contains(BodySignature.TIMESTAMP_HEADER);
        assertThat(BodySignature.problem(KEY, BodySignature.timestamp(AT), null, BODY, AT)).contains(BodySignature.SIGNATURE_HEADER);
        assertThat(BodySignature.problem(KEY, BodySignature.timestamp(AT), "md5=00", BODY, AT)).contains("sha256=");
    }
}
