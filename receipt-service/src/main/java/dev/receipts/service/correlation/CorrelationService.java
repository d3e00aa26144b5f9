package dev.receipts.service.correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.service.ingest.Event;
import dev.receipts.service.ingest.EventParser;
import dev.receipts.service.ingest.IngestRepository;
import dev.receipts.service.ingest.IngestedEvent;
import dev.receipts.service.message.MessageRecipient;
import dev.receipts.service.message.MessageRepository;
import dev.receipts.service.message.SentMessage;
import dev.receipts.service.message.TimelineEntry;

/**
 * Turns events into sent messages, recipient states and timelines. Reports and delivery facts whose message is
 * not known yet are kept as {@link PendingReport}s and applied, in arrival order, when the message is submitted.
 */
@ApplicationScoped
public class CorrelationService {
    static final String LOCAL_DELIVERY_STATUS = "2.0.0";
    static final String LOCAL_DELIVERY_DETAIL = "stored in the local mailbox";
    private static final Logger LOG = Logger.getLogger(CorrelationService.class);

    /** What became of a report. */
    public enum Outcome { CORRELATED, PENDING, UNMATCHED, NOTHING_TO_CORRELATE }

    @Inject
    MessageRepository messages;

    @Inject
    PendingReportRepository pendingReports;

    @Inject
    IngestRepository events;

    @Inject
    ObjectMapper objectMapper;

    /** Handles a freshly stored event, inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(Event event) {
        if (event instanceof Event.Submitted submitted) {
            submitted(submitted);
            return;
        }
        Outcome outcome = apply(event);
        if (outcome == Outcome.PENDING || outcome == Outcome.UNMATCHED) {
            PendingReport pending = pendingFor(event);
            if (outcome == Outcome.UNMATCHED) {
                pending.resolve(PendingReport.Status.UNMATCHED);
            }
            pendingReports.persist(pending);
        }
    }

    /** Retries one pending report in its own transaction; false when it is still pending. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean retry(Long pendingId) {
        Optional<PendingReport> pending = pendingReports.findById(pendingId);
        if (pending.isEmpty() || pending.get().status() != PendingReport.Status.PENDING) {
            return true;
        }
        return resolve(pending.get());
    }

    private void submitted(Event.Submitted event) {
        String owner = Addresses.normalize(event.authUser() != null ? event.authUser() : event.sender());
        SentMessage message = new SentMessage(event.messageId(), MessageIds.normalizeOrNull(event.messageId()),
            event.sender(), owner == null ? "" : owner, event.envelopeId(), event.occurredAt(), event.id(),
            event.subject());
        messages.persist(message);
        messages.flush();
        int position = 0;
        for (Event.SubmittedRecipient r : event.recipients()) {
            MessageRecipient recipient = new MessageRecipient(message.id(), position++, r.address(),
                Addresses.normalize(r.address()), r.orcpt(), Addresses.normalize(r.orcpt()), event.mdnRequested(),
                r.notifyConditions(), event.occurredAt());
            messages.persist(recipient);
            messages.flush();
            messages.persist(new TimelineEntry(recipient.id(), event.occurredAt(), TimelineEntry.Kind.SUBMITTED,
                DeliveryState.ACCEPTED.name(), null, submissionDetail(event, r), event.id()));
        }
        messages.flush();
        for (PendingReport pending : pendingReports.findPendingFor(message.messageIdNorm(), message.envelopeId())) {
            resolve(pending);
        }
    }

    private boolean resolve(PendingReport pending) {
        Optional<IngestedEvent> stored = events.find(pending.eventId());
        if (stored.isEmpty()) {
            pending.resolve(PendingReport.Status.UNMATCHED);
            return true;
        }
        Event event;
        try {
            event = EventParser.parse(objectMapper.readTree(stored.get().payload()));
        } catch (Exception e) {
            LOG.warnf("Stored event [%s] can no longer be read: %s", pending.eventId(), e.getMessage());
            pending.resolve(PendingReport.Status.UNMATCHED);
            return true;
        }
        Outcome outcome = apply(event);
        if (outcome == Outcome.PENDING) {
            return false;
        }
        pending.resolve(outcome == Outcome.CORRELATED ? PendingReport.Status.CORRELATED : PendingReport.Status.UNMATCHED);
        messages.flush();
        return true;
    }

    private Outcome apply(Event event) {
        if (event instanceof Event.LocalDelivery delivery) {
            return localDelivery(delivery);
        }
        if (event instanceof Event.Report report) {
            if (report.dsn() != null) {
                return dsn(report, report.dsn());
            }
            if (report.mdn() != null) {
                return mdn(report, report.mdn());
            }
        }
        return Outcome.NOTHING_TO_CORRELATE;
    }

    private Outcome localDelivery(Event.LocalDelivery event) {
        Optional<SentMessage> message = messages.findByMessageId(MessageIds.normalizeOrNull(event.messageId()));
        if (message.isEmpty() && event.messageId() == null) {
            message = messages.findByEnvelopeId(event.envelopeId());
        }
        if (message.isEmpty()) {
            return hasKeys(event) ? Outcome.PENDING : Outcome.UNMATCHED;
        }
        List<MessageRecipient> recipients = messages.recipientsOf(List.of(message.get().id()));
        boolean matched = false;
        for (String address : event.recipients()) {
            Optional<MessageRecipient> recipient = find(recipients, Addresses.normalize(address));
            if (recipient.isPresent()) {
                matched = true;
                recipient.get().applyDelivery(DeliveryState.DELIVERED, LOCAL_DELIVERY_STATUS, null, event.occurredAt());
                messages.persist(new TimelineEntry(recipient.get().id(), event.occurredAt(),
                    TimelineEntry.Kind.LOCAL_DELIVERY, DeliveryState.DELIVERED.name(), LOCAL_DELIVERY_STATUS,
                    LOCAL_DELIVERY_DETAIL, event.id()));
            }
        }
        return matched ? Outcome.CORRELATED : Outcome.UNMATCHED;
    }

    private Outcome dsn(Event.Report event, Event.Dsn dsn) {
        Optional<SentMessage> message = messages.findByEnvelopeId(dsn.originalEnvelopeId());
        if (message.isEmpty() && dsn.originalEnvelopeId() != null) {
            message = messages.findByEnvelopeId(Addresses.decodeXtextValue(dsn.originalEnvelopeId()));
        }
        if (message.isEmpty()) {
            message = messages.findByMessageId(MessageIds.normalizeOrNull(dsn.returnedMessageId()));
        }
        if (message.isEmpty()) {
            return hasKeys(event) ? Outcome.PENDING : Outcome.UNMATCHED;
        }
        List<MessageRecipient> recipients = messages.recipientsOf(List.of(message.get().id()));
        boolean matched = false;
        for (Event.DsnRecipient r : dsn.recipients()) {
            Optional<MessageRecipient> recipient = find(recipients, Addresses.normalize(r.originalRecipient()))
                .or(() -> find(recipients, Addresses.normalize(r.finalRecipient())));
            if (recipient.isEmpty()) {
                LOG.debugf("DSN [%s]: no recipient of message %s matches [%s]", event.id(), message.get().id(),
                    r.finalRecipient());
                continue;
            }
            matched = true;
            Optional<DeliveryState> state = DeliveryState.fromAction(r.action());
            state.ifPresent(s -> recipient.get().applyDelivery(s, r.status(), r.diagnosticCode(), event.occurredAt()));
            String stateName = state.map(Enum::name)
                .orElse(r.action() == null ? "UNKNOWN" : r.action().toUpperCase(Locale.ROOT));
            messages.persist(new TimelineEntry(recipient.get().id(), event.occurredAt(), TimelineEntry.Kind.DSN,
                stateName, r.status(), r.diagnosticCode(), event.id()));
        }
        return matched ? Outcome.CORRELATED : Outcome.UNMATCHED;
    }

    private Outcome mdn(Event.Report event, Event.Mdn mdn) {
        Optional<SentMessage> message = messages.findByMessageId(MessageIds.normalizeOrNull(mdn.originalMessageId()));
        if (message.isEmpty()) {
            return hasKeys(event) ? Outcome.PENDING : Outcome.UNMATCHED;
        }
        List<MessageRecipient> recipients = messages.recipientsOf(List.of(message.get().id()));
        Optional<MessageRecipient> recipient = find(recipients, Addresses.normalize(mdn.originalRecipient()))
            .or(() -> find(recipients, Addresses.normalize(mdn.finalRecipient())));
        if (recipient.isEmpty()) {
            return Outcome.UNMATCHED;
        }
        String state = Dispositions.stateOf(mdn.dispositionType());
        String reporter = Addresses.normalize(event.authUser());
        Verification verification = reporter != null && reporter.equals(recipient.get().addressNorm())
            ? Verification.AUTHENTICATED
            : Verification.UNVERIFIED;
        recipient.get().applyDisposition(state, verification, event.occurredAt());
        String detail = mdn.disposition() != null ? mdn.disposition() : mdn.dispositionType();
        messages.persist(new TimelineEntry(recipient.get().id(), event.occurredAt(), TimelineEntry.Kind.MDN, state,
            null, detail + " (" + verification.name().toLowerCase(Locale.ROOT) + ")", event.id()));
        return Outcome.CORRELATED;
    }

    private static Optional<MessageRecipient> find(List<MessageRecipient> recipients, String normalizedAddress) {
        if (normalizedAddress == null) {
            return Optional.empty();
        }
        return recipients.stream().filter(r -> r.matches(normalizedAddress)).findFirst();
    }

    private static boolean hasKeys(Event event) {
        PendingReport keys = pendingFor(event);
        return keys.hasLookupKey();
    }

    private static PendingReport pendingFor(Event event) {
        if (event instanceof Event.LocalDelivery d) {
            String envelope = d.messageId() == null ? d.envelopeId() : null;
            return new PendingReport(d.id(), "LOCAL_DELIVERY", event.occurredAt(), MessageIds.normalizeOrNull(d.messageId()),
                envelope, null, String.join(",", d.recipients()), null);
        }
        Event.Report report = (Event.Report) event;
        if (report.dsn() != null) {
            Event.Dsn dsn = report.dsn();
            List<String> finals = new ArrayList<>();
            List<String> originals = new ArrayList<>();
            for (Event.DsnRecipient r : dsn.recipients()) {
                if (r.finalRecipient() != null) {
                    finals.add(r.finalRecipient());
                }
                if (r.originalRecipient() != null) {
                    originals.add(r.originalRecipient());
                }
            }
            return new PendingReport(report.id(), "DSN", event.occurredAt(), null, dsn.originalEnvelopeId(),
                MessageIds.normalizeOrNull(dsn.returnedMessageId()), joinOrNull(finals), joinOrNull(originals));
        }
        Event.Mdn mdn = report.mdn();
        return new PendingReport(report.id(), "MDN", event.occurredAt(), MessageIds.normalizeOrNull(mdn.originalMessageId()),
            null, null, mdn.finalRecipient(), mdn.originalRecipient());
    }

    private static String joinOrNull(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static String submissionDetail(Event.Submitted event, Event.SubmittedRecipient recipient) {
        List<String> parts = new ArrayList<>();
        if (event.mdnRequested()) {
            parts.add("read receipt requested");
        }
        if (!recipient.notifyConditions().isEmpty()) {
            parts.add("NOTIFY=" + String.join(",", recipient.notifyConditions()));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
