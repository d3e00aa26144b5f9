package dev.receipts.service.search;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.correlation.DeliveryState;
import dev.receipts.service.correlation.Dispositions;
import dev.receipts.service.correlation.Verification;
import dev.receipts.service.search.Filters.TimeRange;

/**
 * What a message search asks for; null fields do not filter. {@code owner} scopes an employee's own list;
 * the recipient filters ({@code recipient}, {@code domain}, {@code state}, {@code verification}) must all hold
 * for one recipient of the message.
 */
public record MessageCriteria(String owner, String sender, String recipient, String domain, TimeRange range,
                              DeliveryState deliveryState, String dispositionState, Verification verification,
                              String q) {
    private static final Set<String> DISPOSITIONS =
        Set.of(Dispositions.NONE, "DISPLAYED", "DELETED", "DISPATCHED", "PROCESSED");
    private static final Set<String> STATES = Stream.concat(
            Stream.of(DeliveryState.values()).map(Enum::name), DISPOSITIONS.stream())
        .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> VERIFICATIONS =
        Stream.of(Verification.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    /** An employee's filters on their own messages. */
    public static MessageCriteria own(String owner, String from, String to, String recipient, String state, String q) {
        State s = state(state);
        return new MessageCriteria(owner, null, Filters.text(recipient, "recipient"), null, Filters.range(from, to),
            s.delivery, s.disposition, null, Filters.text(q, "q"));
    }

    /** A compliance officer's filters on every message. */
    public static MessageCriteria all(String sender, String recipient, String domain, String from, String to,
                                      String state, String verification) {
        State s = state(state);
        String v = Filters.oneOf(verification, "verification", VERIFICATIONS);
        return new MessageCriteria(null, Filters.text(sender, "sender"), Filters.text(recipient, "recipient"),
            Filters.domain(domain), Filters.range(from, to), s.delivery, s.disposition,
            v == null ? null : Verification.valueOf(v), null);
    }

    boolean filtersRecipients() {
        return recipient != null || domain != null || deliveryState != null || dispositionState != null
            || verification != null;
    }

    private record State(DeliveryState delivery, String disposition) {
    }

    /** A delivery state, or a disposition state; the disposition {@code failed} of old MDNs is the delivery FAILED. */
    private static State state(String value) {
        String v = Filters.oneOf(value, "state", STATES);
        if (v == null) {
            return new State(null, null);
        }
        if (DISPOSITIONS.contains(v)) {
            return new State(null, v);
        }
        try {
            return new State(DeliveryState.valueOf(v.toUpperCase(Locale.ROOT)), null);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("state must be a delivery or disposition state, got [" + value + "]");
        }
    }
}
