package dev.receipts.service.correlation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.contract.EnvelopeIds;
import dev.receipts.contract.MessageIds;
import dev.receipts.contract.XText;
import dev.receipts.service.config.ReceiptsConfig;
import dev.receipts.service.domain.DomainStatsRepository;
import dev.receipts.service.domain.DomainStatsRepository.Counter;
import dev.receipts.service.ingest.Event;
import dev.receipts.service.ingest.EventParser;
import dev.receipts.service.ingest.IngestRepository;
import dev.receipts.service.ingest.IngestedEvent;
import dev.receipts.service.message.MessageRecipient;
import dev.receipts.service.message.MessageRepository;
import dev.receipts.service.message.SentMessage;
import dev.receipts.service.message.TimelineEntry;

/**
 * Turns events into sent messages, recipient states and timelines, and writes every report to the report log.
 * Reports and delivery facts whose message is not known yet are kept as {@link PendingReport}s and applied, in
 * arrival order, when the message is submitted. Rules: receipt-service/README.md, "Ingest and correlation".
 */
@ApplicationScoped
public class CorrelationService {
    static final String LOCAL_DELIVERY_STATUS = "2.0.0";
    static final String LOCAL_DELIVERY_DETAIL = "stored in the local mailbox";
    private static final Logger LOG = Logger.getLogger(CorrelationService.class);
    private static final Pattern ANGLE_ID = Pattern.compile("<[^<>]*>");
    /** DSN actions only an MTA that implements DSN sends: evidence that the domain's servers support it. */
    private static final Set<String> DSN_SUPPORT_ACTIONS = Set.of("delivered", "relayed", "expanded");

    /** What became of a report or delivery fact. */
    public enum Outcome { CORRELATED, PENDING, UNMATCHED, NOTHING_TO_CORRELATE, FORGED, NOT_APPLICABLE }

    /** The outcome, with the message it was applied to (or null) and how its origin is proven. */
    record Applied(Outcome outcome, SentMessage message, Verification verification) {
        static Applied of(Outcome outcome) {
            return new Applied(outcome, null, null);
        }
    }

    @Inject
    MessageRepository messages;

    @Inject
    PendingReportRepository pendingReports;

    @Inject
    IngestRepository events;

    @Inject
    ReportLog reportLog;

    @Inject
    DomainStatsRepository domains;

    @Inject
    ReceiptsConfig config;

    @Inject
    ObjectMapper objectMapper;

    Clock clock = Clock.systemUTC();

    /** Handles a freshly stored event, inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(Event event) {
        if (event instanceof Event.Submitted submitted) {
            submitted(submitted);
            return;
        }
        Applied applied = apply(event);
        Outcome outcome = applied.outcome();
        if (outcome == Outcome.PENDING || outcome == Outcome.UNMATCHED) {
            PendingReport pending = pendingFor(event);
            if (outcome == Outcome.UNMATCHED) {
                pending.resolve(PendingReport.Status.UNMATCHED);
            }
            pendingReports.persist(pending);
        }
        if (event instanceof Event.Report report) {
            reportLog.record(report, payloadOf(report.id()), clock.instant(), logged(outcome),
                applied.message() == null ? null : applied.message().id(),
                applied.message() == null ? null : applied.message().owner(), applied.verification());
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

    private static ReportLog.Correlation logged(Outcome outcome) {
        switch (outcome) {
            case CORRELATED:
                return ReportLog.Correlation.CORRELATED;
            case PENDING:
                return ReportLog.Correlation.PENDING;
            case FORGED:
                return ReportLog.Correlation.FORGED;
            case NOT_APPLICABLE:
                return ReportLog.Correlation.NOT_APPLICABLE;
            default:
                return ReportLog.Correlation.ORPHAN;
        }
    }

    private void submitted(Event.Submitted event) {
        String owner = Addresses.normalize(event.authUser() != null ? event.authUser() : event.sender());
        SentMessage message = new SentMessage(event.messageId(), MessageIds.normalizeOrNull(event.messageId()),
            event.sender(), owner == null ? "" : owner, event.envelopeId(), event.occurredAt(), event.id(),
            event.subject());
        messages.persist(message);
        messages.flush();
        int position = 0;
        Set<String> recipientDomains = new LinkedHashSet<>();
        for (Event.SubmittedRecipient r : event.recipients()) {
            MessageRecipient recipient = new MessageRecipient(message.id(), position++, r.address(),
                Addresses.normalize(r.address()), r.orcpt(), Addresses.normalize(r.orcpt()), event.mdnRequested(),
                r.notifyConditions(), event.occurredAt());
            messages.persist(recipient);
            messages.flush();
            messages.persist(new TimelineEntry(recipient.id(), event.occurredAt(), TimelineEntry.Kind.SUBMITTED,
                DeliveryState.ACCEPTED.name(), null, submissionDetail(event, r), event.id()));
            if (recipient.domain() != null) {
                recipientDomains.add(recipient.domain());
            }
        }
        for (String domain : recipientDomains) {
            domains.increment(domain, Counter.MESSAGES_SENT, event.occurredAt());
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
        Applied applied = apply(event);
        if (applied.outcome() == Outcome.PENDING) {
            return false;
        }
        boolean correlated = applied.outcome() == Outcome.CORRELATED;
        pending.resolve(correlated ? PendingReport.Status.CORRELATED : PendingReport.Status.UNMATCHED);
        if (event instanceof Event.Report) {
            reportLog.resolve(event.id(), logged(applied.outcome()),
                applied.message() == null ? null : applied.message().id(),
                applied.message() == null ? null : applied.message().owner(), applied.verification());
        }
        messages.flush();
        return true;
    }

    private Applied apply(Event event) {
        if (event instanceof Event.LocalDelivery delivery) {
            return localDelivery(delivery);
        }
        if (event instanceof Event.Relayed relayed) {
            return relayed(relayed);
        }
        if (event instanceof Event.Report report) {
            if (report.notApplicable()) {
                return Applied.of(Outcome.NOT_APPLICABLE);
            }
            if (report.dsn() != null) {
                return dsn(report, report.dsn());
            }
            return mdn(report, report.mdn());
        }
        return Applied.of(Outcome.NOTHING_TO_CORRELATE);
    }

    private Applied localDelivery(Event.LocalDelivery event) {
        Optional<SentMessage> message = messages.findByMessageId(MessageIds.normalizeOrNull(event.messageId()));
        if (message.isEmpty() && event.messageId() == null) {
            message = messages.findByEnvelopeId(event.envelopeId());
        }
        if (message.isEmpty()) {
            return Applied.of(hasKeys(event) ? Outcome.PENDING : Outcome.UNMATCHED);
        }
        List<MessageRecipient> recipients = messages.recipientsOf(List.of(message.get().id()));
        boolean matched = false;
        List<String> rewritten = new ArrayList<>();
        for (String address : event.recipients()) {
            String norm = Addresses.normalize(address);
            Optional<MessageRecipient> recipient = find(recipients, norm).or(() -> byAlias(recipients, norm));
            if (recipient.isPresent()) {
                matched = true;
                delivered(recipient.get(), event, LOCAL_DELIVERY_DETAIL);
            } else if (norm != null) {
                rewritten.add(norm);
            }
        }
        if (!rewritten.isEmpty()) {
            // James's RecipientRewriteTable delivered to other addresses than the sender wrote. When exactly one
            // local recipient the sender wrote is still undelivered, those addresses are its alias or forward.
            List<MessageRecipient> candidates = recipients.stream()
                .filter(r -> isLocal(r.domain())
                    && (r.deliveryState() == DeliveryState.ACCEPTED || r.deliveryState() == DeliveryState.DELAYED))
                .toList();
            if (candidates.size() == 1) {
                MessageRecipient written = candidates.get(0);
                for (String alias : rewritten) {
                    messages.persist(new RecipientAlias(written.id(), alias, event.id()));
                }
                delivered(written, event, LOCAL_DELIVERY_DETAIL + " of " + String.join(", ", rewritten)
                    + " (address rewritten by James: alias or forward)");
                matched = true;
            } else {
                LOG.debugf("LOCAL_DELIVERY [%s]: %s match no recipient of message %s, and %d could be rewritten",
                    event.id(), rewritten, message.get().id(), candidates.size());
            }
        }
        return new Applied(matched ? Outcome.CORRELATED : Outcome.UNMATCHED, message.get(), Verification.SERVER);
    }

    private void delivered(MessageRecipient recipient, Event.LocalDelivery event, String detail) {
        recipient.applyDelivery(DeliveryState.DELIVERED, LOCAL_DELIVERY_STATUS, null, event.occurredAt(), false,
            Verification.SERVER);
        messages.persist(new TimelineEntry(recipient.id(), event.occurredAt(), TimelineEntry.Kind.LOCAL_DELIVERY,
            DeliveryState.DELIVERED.name(), LOCAL_DELIVERY_STATUS, detail, event.id()));
    }

    private Applied relayed(Event.Relayed event) {
        Optional<SentMessage> message = messages.findByMessageId(MessageIds.normalizeOrNull(event.messageId()));
        if (message.isEmpty()) {
            message = messages.findByEnvelopeId(event.envelopeId());
        }
        if (message.isEmpty()) {
            return Applied.of(hasKeys(event) ? Outcome.PENDING : Outcome.UNMATCHED);
        }
        List<MessageRecipient> recipients = messages.recipientsOf(List.of(message.get().id()));
        String host = event.remoteHost() == null ? "a remote host" : event.remoteHost();
        String dsn = event.dsnOffered() == null ? "whether it offers DSN is not known"
            : event.dsnOffered() ? "it offers DSN" : "it does not offer DSN";
        boolean matched = false;
        for (String address : event.recipients()) {
            String norm = Addresses.normalize(address);
            Optional<MessageRecipient> recipient = find(recipients, norm).or(() -> byAlias(recipients, norm));
            if (recipient.isEmpty()) {
                continue;
            }
            matched = true;
            recipient.get().applyDelivery(DeliveryState.RELAYED, null, null, event.occurredAt(), false,
                Verification.SERVER);
            recipient.get().relayDsnOffered(event.dsnOffered());
            messages.persist(new TimelineEntry(recipient.get().id(), event.occurredAt(), TimelineEntry.Kind.RELAYED,
                DeliveryState.RELAYED.name(), null, "handed to " + host + " by our server; " + dsn, event.id()));
            domains.increment(recipient.get().domain(), Counter.RELAYED, event.occurredAt());
        }
        return new Applied(matched ? Outcome.CORRELATED : Outcome.UNMATCHED, message.get(), Verification.SERVER);
    }

    private Applied dsn(Event.Report event, Event.Dsn dsn) {
        String envelopeId = XText.decode(dsn.originalEnvelopeId());
        EnvelopeIds.Check check = EnvelopeIds.check(envelopeId, config.correlation().envelopeIdKey());
        if (check == EnvelopeIds.Check.FORGED) {
            return forged(event, dsn);
        }
        Verification verification = check == EnvelopeIds.Check.VALID ? Verification.SIGNED_ENVELOPE
            : Verification.UNVERIFIED;
        Optional<SentMessage> message = messages.findByEnvelopeId(dsn.originalEnvelopeId());
        if (message.isEmpty() && envelopeId != null) {
            message = messages.findByEnvelopeId(envelopeId);
        }
        if (message.isEmpty()) {
            message = messages.findByMessageId(MessageIds.normalizeOrNull(dsn.returnedMessageId()));
        }
        if (message.isEmpty()) {
            return new Applied(hasKeys(event) ? Outcome.PENDING : Outcome.UNMATCHED, null, verification);
        }
        List<MessageRecipient> recipients = messages.recipientsOf(List.of(message.get().id()));
        boolean matched = false;
        for (Event.DsnRecipient r : dsn.recipients()) {
            Optional<MessageRecipient> found = dsnRecipient(recipients, r);
            if (found.isEmpty()) {
                LOG.debugf("DSN [%s]: no recipient of message %s matches [%s]", event.id(), message.get().id(),
                    r.finalRecipient());
                continue;
            }
            matched = true;
            MessageRecipient recipient = found.get();
            String factKey = factKey(dsn, recipient, r);
            if (messages.hasFact(recipient.id(), factKey)) {
                LOG.debugf("DSN [%s]: a copy of a report already applied to recipient %s", event.id(), recipient.id());
                continue;
            }
            Optional<DeliveryState> state = DeliveryState.fromAction(r.action());
            String diagnostic = r.diagnosticCode() != null ? r.diagnosticCode() : r.statusText();
            state.ifPresent(s -> recipient.applyDelivery(s, r.status(), diagnostic, event.occurredAt(),
                event.heuristic(), verification));
            String stateName = state.map(Enum::name)
                .orElse(r.action() == null ? "UNKNOWN" : r.action().toUpperCase(Locale.ROOT));
            messages.persist(new TimelineEntry(recipient.id(), event.occurredAt(), TimelineEntry.Kind.DSN, stateName,
                r.status(), dsnDetail(event, r, diagnostic, verification), event.id(), event.heuristic(), factKey));
            if (!event.heuristic() && r.action() != null
                && DSN_SUPPORT_ACTIONS.contains(r.action().trim().toLowerCase(Locale.ROOT))) {
                domains.increment(recipient.domain(), Counter.DSN_SEEN, event.occurredAt());
            }
        }
        return new Applied(matched ? Outcome.CORRELATED : Outcome.UNMATCHED, message.get(), verification);
    }

    /**
     * A DSN that names one of our envelope ids with a bad signature changes no state. When its returned Message-ID
     * names a message, each recipient it claims gets a FORGED timeline entry and its forged-report count, so that the
     * owner and compliance see the attempt.
     */
    private Applied forged(Event.Report event, Event.Dsn dsn) {
        LOG.warnf("DSN [%s] names envelope id [%s] with a signature that does not verify: kept as FORGED", event.id(),
            dsn.originalEnvelopeId());
        Optional<SentMessage> message = messages.findByMessageId(MessageIds.normalizeOrNull(dsn.returnedMessageId()));
        if (message.isPresent()) {
            List<MessageRecipient> recipients = messages.recipientsOf(List.of(message.get().id()));
            for (Event.DsnRecipient r : dsn.recipients()) {
                dsnRecipient(recipients, r).ifPresent(recipient -> {
                    recipient.forgedReport();
                    messages.persist(new TimelineEntry(recipient.id(), event.occurredAt(), TimelineEntry.Kind.DSN,
                        Verification.FORGED.name(), r.status(), "forged report ignored: it claims action "
                        + r.action() + " under envelope id " + dsn.originalEnvelopeId()
                        + ", whose signature does not verify", event.id()));
                });
            }
        }
        return new Applied(Outcome.FORGED, message.orElse(null), Verification.FORGED);
    }

    private Optional<MessageRecipient> dsnRecipient(List<MessageRecipient> recipients, Event.DsnRecipient r) {
        String finalNorm = Addresses.normalize(r.finalRecipient());
        return find(recipients, Addresses.normalize(r.originalRecipient()))
            .or(() -> find(recipients, finalNorm))
            .or(() -> byAlias(recipients, finalNorm));
    }

    private static String dsnDetail(Event.Report event, Event.DsnRecipient r, String diagnostic,
                                    Verification verification) {
        List<String> parts = new ArrayList<>();
        if (diagnostic != null) {
            parts.add(diagnostic);
        }
        if (event.heuristic()) {
            parts.add("heuristic reading of a non-standard bounce" + (r.reason() == null ? "" : ": " + r.reason()));
        }
        if (verification == Verification.SIGNED_ENVELOPE) {
            parts.add("signed envelope id");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /**
     * What identifies one reported fact across re-sent copies: Reporting-MTA, Arrival-Date, Last-Attempt-Date, the
     * recipient, action and status; null when the report gives neither Reporting-MTA nor Arrival-Date.
     */
    static String factKey(Event.Dsn dsn, MessageRecipient recipient, Event.DsnRecipient r) {
        if (dsn.reportingMta() == null && dsn.arrivalDate() == null) {
            return null;
        }
        String key = String.join("\n", String.valueOf(dsn.reportingMta()), String.valueOf(dsn.arrivalDate()),
            String.valueOf(r.lastAttemptDate()), String.valueOf(recipient.id()),
            String.valueOf(r.action()).trim().toLowerCase(Locale.ROOT), String.valueOf(r.status()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Applied mdn(Event.Report event, Event.Mdn mdn) {
        Optional<SentMessage> message = Optional.empty();
        DispositionMatch match = null;
        for (DispositionMatch candidate : DispositionMatch.values()) {
            for (String id : idsFor(event, mdn, candidate)) {
                message = messages.findByMessageId(id);
                if (message.isPresent()) {
                    match = candidate;
                    break;
                }
            }
            if (message.isPresent()) {
                break;
            }
        }
        if (message.isEmpty()) {
            return Applied.of(hasKeys(event) ? Outcome.PENDING : Outcome.UNMATCHED);
        }
        List<MessageRecipient> recipients = messages.recipientsOf(List.of(message.get().id()));
        String finalNorm = Addresses.normalize(mdn.finalRecipient());
        Optional<MessageRecipient> recipient = find(recipients, Addresses.normalize(mdn.originalRecipient()))
            .or(() -> find(recipients, finalNorm))
            .or(() -> byAlias(recipients, finalNorm));
        if (recipient.isEmpty()) {
            return new Applied(Outcome.UNMATCHED, message.get(), null);
        }
        if (mdn.dispositionType() == null) {
            // An MDN whose disposition part could not be read says nothing certain: logged, the state is unchanged.
            messages.persist(new TimelineEntry(recipient.get().id(), event.occurredAt(), TimelineEntry.Kind.MDN,
                recipient.get().dispositionState(), null, "an MDN arrived, but its disposition could not be read; state unchanged",
                event.id()));
            return new Applied(Outcome.CORRELATED, message.get(), Verification.UNVERIFIED);
        }
        String state = Dispositions.stateOf(mdn.dispositionType());
        String reporter = Addresses.normalize(event.authUser());
        Verification verification = reporter != null && reporter.equals(recipient.get().addressNorm())
            ? Verification.AUTHENTICATED
            : Verification.UNVERIFIED;
        recipient.get().applyDisposition(state, verification, event.occurredAt(), match);
        String detail = (mdn.disposition() != null ? mdn.disposition() : mdn.dispositionType())
            + " (" + verification.name().toLowerCase(Locale.ROOT) + ")";
        if (match != DispositionMatch.ORIGINAL_MESSAGE_ID) {
            detail += "; no Original-Message-ID: matched by " + match.field() + ", a weaker match";
        }
        messages.persist(new TimelineEntry(recipient.get().id(), event.occurredAt(), TimelineEntry.Kind.MDN, state,
            null, detail, event.id()));
        domains.increment(recipient.get().domain(), Counter.MDN_RETURNED, event.occurredAt());
        return new Applied(Outcome.CORRELATED, message.get(), verification);
    }

    /** The normalised Message-IDs an MDN names by one way of matching, in the order to try them. */
    private static List<String> idsFor(Event.Report event, Event.Mdn mdn, DispositionMatch match) {
        List<String> ids = new ArrayList<>();
        switch (match) {
            case ORIGINAL_MESSAGE_ID:
                addId(ids, mdn.originalMessageId());
                break;
            case IN_REPLY_TO:
                addId(ids, event.inReplyTo());
                break;
            case REFERENCES:
                // The message replied to is the last one of References (RFC 5322 §3.6.4).
                if (event.references() != null) {
                    List<String> all = new ArrayList<>();
                    Matcher m = ANGLE_ID.matcher(event.references());
                    while (m.find()) {
                        addId(all, m.group());
                    }
                    for (int i = all.size() - 1; i >= 0; i--) {
                        ids.add(all.get(i));
                    }
                }
                break;
            default:
                addId(ids, mdn.returnedMessageId());
        }
        return ids;
    }

    private static void addId(List<String> ids, String raw) {
        String id = MessageIds.normalizeOrNull(raw);
        if (id != null) {
            ids.add(id);
        }
    }

    private Optional<MessageRecipient> byAlias(List<MessageRecipient> recipients, String aliasNorm) {
        if (aliasNorm == null) {
            return Optional.empty();
        }
        List<Long> ids = messages.recipientsByAlias(recipients.stream().map(MessageRecipient::id).toList(), aliasNorm);
        return ids.isEmpty() ? Optional.empty()
            : recipients.stream().filter(r -> r.id().equals(ids.get(0))).findFirst();
    }

    private boolean isLocal(String domain) {
        return domain != null && config.localDomains().stream().anyMatch(d -> d.trim().equalsIgnoreCase(domain));
    }

    private static Optional<MessageRecipient> find(List<MessageRecipient> recipients, String normalizedAddress) {
        if (normalizedAddress == null) {
            return Optional.empty();
        }
        return recipients.stream().filter(r -> r.matches(normalizedAddress)).findFirst();
    }

    private JsonNode payloadOf(String eventId) {
        try {
            Optional<IngestedEvent> stored = events.find(eventId);
            return stored.isEmpty() ? null : objectMapper.readTree(stored.get().payload());
        } catch (Exception e) {
            return null;
        }
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
        if (event instanceof Event.Relayed r) {
            return new PendingReport(r.id(), "RELAYED", event.occurredAt(), MessageIds.normalizeOrNull(r.messageId()),
                r.envelopeId(), null, String.join(",", r.recipients()), null);
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
            return new PendingReport(report.id(), report.heuristic() ? "HEURISTIC_DSN" : "DSN", event.occurredAt(), null,
                dsn.originalEnvelopeId(), MessageIds.normalizeOrNull(dsn.returnedMessageId()), joinOrNull(finals),
                joinOrNull(originals));
        }
        Event.Mdn mdn = report.mdn();
        // The strongest key the MDN has; the fallbacks are tried again when its message arrives.
        String key = null;
        for (DispositionMatch match : DispositionMatch.values()) {
            List<String> ids = idsFor(report, mdn, match);
            if (!ids.isEmpty()) {
                key = ids.get(0);
                break;
            }
        }
        return new PendingReport(report.id(), "MDN", event.occurredAt(), key, null, null, mdn.finalRecipient(),
            mdn.originalRecipient());
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
