package io.oauthgov.schemas.topics;

/** How a topic's values are written. Keys are always Avro in the Confluent wire format. */
public enum ValueFormat {
    /** Confluent wire format (magic byte 0, 4-byte schema id, Avro binary), schema under {@code <topic>-value}. */
    AVRO,
    /** UTF-8 JSON, one OCSF Detection Finding per record, for SIEMs without Avro; no registry subject. */
    OCSF_JSON
}
