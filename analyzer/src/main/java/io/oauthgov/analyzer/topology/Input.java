package io.oauthgov.analyzer.topology;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.Notice;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.Stage;

/**
 * Every per-client input topic mapped onto one type so the four co-partitioned streams (all keyed by ClientKey,
 * same partition count) can be merged into the one processor that owns the client's state. Nothing is
 * repartitioned, so this wrapper never crosses a topic and needs no serde.
 */
sealed interface Input {
    /** A client observed in a verified snapshot. */
    record ClientChanged(OAuthClientSnapshot snapshot) implements Input {}

    /** A tombstone: the client vanished in a verified snapshot. */
    record ClientRemoved() implements Input {}

    /** Usage or audit evidence about the client. */
    record Evidence(ActivityEvidence evidence) implements Input {}

    /** The client's integration registry entry changed; null means it was removed. */
    record IntegrationChanged(IntegrationRecord integration) implements Input {}

    /** The notifier told the client's owner about its candidate; null is compaction's tombstone. */
    record NoticeSent(Notice notice) implements Input {}

    /** An approval decision about the client's candidate. */
    record ApprovalReceived(Approval approval) implements Input {}

    /** A readable record that cannot mean anything (e.g. a null value on a topic without tombstones). */
    record Malformed(Stage stage, String detail) implements Input {}
}
