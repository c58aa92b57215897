package io.oauthgov.analyzer.policy;

import io.oauthgov.schemas.contact.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tell the owner before anything happens: an approval to delete a client passes the gate only once its owner was told
 * at least {@code period} before ({@code NOTICE_PENDING} otherwise). A client without an owner contact is announced
 * to the org's {@code ownerAbsentContact} instead ("*" is the fallback of every org not listed), as Cloud Custodian's
 * mailer does. A period of zero turns the requirement off (the demo and a local dev stack use it; say so).
 */
public record NoticeSettings(Duration period, Map<String, Contact> ownerAbsentContact) {
    public static final String ANY_ORG = "*";
    public static final NoticeSettings DEFAULT = new NoticeSettings(Duration.ofDays(7), Map.of());

    public NoticeSettings {
        Objects.requireNonNull(period, "period");
        if (period.isNegative()) {
            throw new IllegalArgumentException("the notice period must not be negative");
        }
        ownerAbsentContact = Map.copyOf(ownerAbsentContact);
    }

    public boolean required() {
        return !period.isZero();
    }

    /** Whom to tell about an unowned client of the org (or when the owner cannot be reached); empty when nobody. */
    public Optional<Contact> fallbackFor(String orgId) {
        return Optional.ofNullable(ownerAbsentContact.getOrDefault(orgId, ownerAbsentContact.get(ANY_ORG)));
    }

    /** The first instant an approval may pass for a candidate noticed at {@code noticedAt}. */
    public Instant approvableFrom(Instant noticedAt) {
        return noticedAt.plus(period);
    }

    public NoticeSettings withPeriod(Duration newPeriod) {
        return new NoticeSettings(newPeriod, ownerAbsentContact);
    }
}
