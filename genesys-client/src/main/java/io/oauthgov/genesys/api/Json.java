package io.oauthgov.genesys.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.oauthgov.genesys.ApiResponse;
import io.oauthgov.genesys.GenesysApiException;
import java.time.Instant;
import java.util.List;

/** The one JSON mapper for API bodies: ISO-8601 instants (the API's UTC ones read fast), unknown fields ignored. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("utc-instants").addDeserializer(Instant.class, new UtcInstantDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    /** A response's body read straight into {@code type}, with no tree in between. */
    static <T> T read(ApiResponse response, Class<T> type, String what) {
        return response.read(MAPPER, MAPPER.constructType(type), what);
    }

    static <T> T read(ApiResponse response, JavaType type, String what) {
        return response.read(MAPPER, type, what);
    }

    /**
     * The elements of a list an answer carried: none when the field was absent, and {@code malformed.response} when
     * one is null (a hole in a listing or result must not read as one entry fewer).
     */
    static <T> List<T> elements(List<T> list, String what) {
        if (list == null) {
            return List.of();
        }
        if (list.contains(null)) {
            throw new GenesysApiException(what + ": a null element", 200, "malformed.response", null, null, false, null);
        }
        return list;
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
