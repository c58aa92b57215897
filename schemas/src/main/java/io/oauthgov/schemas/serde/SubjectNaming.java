package io.oauthgov.schemas.serde;

/** Confluent's default TopicNameStrategy: a topic's schemas live under {@code <topic>-key} and {@code <topic>-value}. */
public final class SubjectNaming {
    private SubjectNaming() {}

    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
