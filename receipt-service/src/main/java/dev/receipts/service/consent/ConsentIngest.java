package dev.receipts.service.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.receipts.service.consent.ConsentViews.Effective;
import dev.receipts.service.correlation.Addresses;
import dev.receipts.service.ingest.Event;

/**
 * Writes the consent ledger and the pixel reports from freshly stored events, in the ingest transaction:
 * {@code MDN_DECISION} → one row for the author; {@code LOCAL_DELIVERY} with an {@code mdnRequest} → one
 * {@code REQUEST_RECEIVED} row per local recipient; {@code PIXELS} → one pixel report.
 *
 * <p>A {@code REQUEST_RECEIVED} row's decision says what the policy in force now will do with an MDN the
 * employee's client sends: {@link #WILL_SEND} (ALWAYS), {@link #WILL_STOP} (NEVER) or {@link #LEFT_TO_CLIENT} (ASK).
 */
@ApplicationScoped
public class ConsentIngest {
    public static final String WILL_SEND = "WILL_SEND";
    public static final String WILL_STOP = "WILL_STOP";
    public static final String LEFT_TO_CLIENT = "LEFT_TO_CLIENT";
    private static final int MAX_COUNTERPART = 2000;
    /**
     * The employee of an {@code MDN_DECISION} row whose author is unknown (an MDN from an authorized network without
     * SMTP AUTH and with the null sender): no employee's own ledger shows it; compliance sees it with
     * {@link #UNKNOWN_AUTHOR_DETAIL}.
     */
    public static final String UNKNOWN_AUTHOR = "";
    public static final String UNKNOWN_AUTHOR_DETAIL = "author unknown: no SMTP AUTH user and no envelope sender";

    @Inject
    EntityManager em;

    @Inject
    PolicyService policies;

    Clock clock = Clock.systemUTC();

    /** Handles a freshly stored event; events that concern neither consent nor pixels are ignored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(Event event) {
        if (event instanceof Event.MdnDecision decision) {
            mdnDecision(decision);
        } else if (event instanceof Event.LocalDelivery delivery && delivery.mdnRequest() != null) {
            requestReceived(delivery, delivery.mdnRequest());
        } else if (event instanceof Event.Pixels pixels) {
            pixels(pixels);
        }
    }

    private void mdnDecision(Event.MdnDecision event) {
        LedgerKind kind = switch (event.decision()) {
            case SENT -> LedgerKind.MDN_SENT;
            case LEFT_TO_CLIENT -> LedgerKind.MDN_LEFT_TO_CLIENT;
            case STOPPED -> LedgerKind.MDN_STOPPED;
        };
        List<String> recipients = event.recipients().stream().map(ConsentIngest::address).distinct().toList();
        String counterpart = joinWhole(recipients);
        String detail = null;
        int kept = counterpart.isEmpty() ? 0 : counterpart.split(",").length;
        if (kept < recipients.size()) {
            detail = "and " + (recipients.size() - kept) + " more recipients";
        }
        if (event.author() == null) {
            detail = join(detail, UNKNOWN_AUTHOR_DETAIL);
        }
        if (event.decision() == Event.Decision.STOPPED) {
            detail = join(detail, event.noticeSent() ? "the author was told by a notice" : "no notice was sent");
        }
        em.persist(new LedgerEntry(event.id(), event.occurredAt(), clock.instant(), kind,
            event.author() == null ? UNKNOWN_AUTHOR : address(event.author()),
            counterpart, event.audience().name(), event.originalMessageId(),
            event.dispositionType() == null ? null : event.dispositionType().toLowerCase(Locale.ROOT),
            event.decision().name(), event.policy().source(), event.policy().choice(), event.policy().version(),
            detail, event.node()));
    }

    private void requestReceived(Event.LocalDelivery event, Event.MdnRequest request) {
        Set<String> employees = event.recipients().stream().map(ConsentIngest::address)
            .collect(Collectors.toCollection(LinkedHashSet::new));
        String version = policies.snapshot().version();
        Instant now = clock.instant();
        for (String employee : employees) {
            Effective effective = policies.effective(employee, request.audience());
            em.persist(new LedgerEntry(event.id(), event.occurredAt(), now, LedgerKind.REQUEST_RECEIVED, employee,
                address(request.address()), request.audience().name(), event.messageId(), null,
                willDo(effective.choice()), effective.source().name(), effective.choice().name(), version,
                "asked by " + request.header(), null));
        }
    }

    private void pixels(Event.Pixels event) {
        String reasons = event.reasons().entrySet().stream()
            .map(e -> "\"" + e.getKey().replace("\\", "\\\\").replace("\"", "\\\"") + "\":" + e.getValue())
            .collect(Collectors.joining(",", "{", "}"));
        em.persist(new PixelReport(event.id(), event.occurredAt(), event.direction(), event.messageId(),
            event.senderDomain() == null ? null : event.senderDomain().trim().toLowerCase(Locale.ROOT),
            event.recipients().size(), event.count(), reasons.length() <= 1000 ? reasons : null, event.action()));
    }

    /** What an MDN of the employee's client will meet under this choice. */
    static String willDo(PolicyChoice choice) {
        return switch (choice) {
            case ALWAYS -> WILL_SEND;
            case NEVER -> WILL_STOP;
            case ASK -> LEFT_TO_CLIENT;
        };
    }

    /** The bare, lower-case address of a raw value such as {@code Partner <partner@example.net>}. */
    static String address(String raw) {
        String value = raw.trim();
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        String normalized = Addresses.normalize(value);
        return normalized == null ? value.toLowerCase(Locale.ROOT) : normalized;
    }

    /** The addresses, comma-separated, as many whole ones as fit the column. */
    private static String joinWhole(List<String> addresses) {
        StringBuilder joined = new StringBuilder();
        for (String address : addresses) {
            int length = joined.length() + (joined.length() == 0 ? 0 : 1) + address.length();
            if (length > MAX_COUNTERPART) {
                break;
            }
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(address);
        }
        return joined.toString();
    }

    private static String join(String first, String second) {
        return first == null ? second : first + "; " + second;
    }
}
