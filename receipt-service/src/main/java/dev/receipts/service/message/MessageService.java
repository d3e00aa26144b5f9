package dev.receipts.service.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.receipts.contract.MessageIds;
import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.correlation.SilenceService;
import dev.receipts.service.domain.DomainResource;
import dev.receipts.service.domain.DomainStatsRepository;
import dev.receipts.service.message.MessageViews.DomainSummary;
import dev.receipts.service.message.MessageViews.Silence;
import dev.receipts.service.message.MessageViews.Delivery;
import dev.receipts.service.message.MessageViews.Disposition;
import dev.receipts.service.message.MessageViews.MessageList;
import dev.receipts.service.message.MessageViews.MessageView;
import dev.receipts.service.message.MessageViews.RecipientView;
import dev.receipts.service.message.MessageViews.Requested;
import dev.receipts.service.message.MessageViews.TimelineView;
import dev.receipts.service.privacy.PseudonymTable;
import dev.receipts.service.privacy.Pseudonyms;
import dev.receipts.service.search.Keyset;
import dev.receipts.service.search.Keyset.Page;
import dev.receipts.service.search.MessageCriteria;
import dev.receipts.service.search.MessageSearch;

/** Reads sent messages for the API, enforcing who may see what. */
@ApplicationScoped
public class MessageService {
    /** Addresses inside free text (DSN diagnostics, timeline details), with an optional {@code rfc822;} type. */
    private static final Pattern ADDRESS_IN_TEXT =
        Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)+");

    @Inject
    MessageRepository repository;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    PseudonymTable pseudonymTable;

    @Inject
    DomainStatsRepository domainStats;

    @Inject
    MessageSearch search;

    /**
     * The message with this Message-ID: an employee finds only their own, compliance finds any. A compliance
     * officer looking at someone else's message sees its external addresses as pseudonyms (docs/consent.md).
     */
    @Transactional
    public MessageList findByMessageId(String rawMessageId, String caller, boolean compliance) {
        String normalized = MessageIds.normalize(rawMessageId)
            .orElseThrow(() -> new InvalidRequestException("messageId must be a Message-ID, got [" + rawMessageId + "]"));
        Optional<SentMessage> message = compliance
            ? repository.findByMessageId(normalized)
            : repository.findByMessageIdAndOwner(normalized, caller);
        boolean othersMessage = message.isPresent() && !caller.equals(message.get().owner());
        UnaryOperator<String> shown = compliance && othersMessage ? this::forCompliance : UnaryOperator.identity();
        return new MessageList(views(message.map(List::of).orElse(List.of()), shown));
    }

    /** A keyset page of the caller's own sent messages matching the filters, newest first. */
    @Transactional
    public Page<MessageView> listOwn(MessageCriteria criteria, Keyset.Cursor after, int size) {
        return Keyset.page(search.find(criteria, after, size + 1), size, MessageSearch::cursorOf,
            rows -> views(rows, UnaryOperator.identity()));
    }

    /**
     * Every external address in a value (an address, or text that mentions addresses) as its pseudonym, remembered
     * in the re-identification table: what a compliance officer may see (docs/consent.md).
     */
    public String forCompliance(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ADDRESS_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String address = m.group();
            String replacement = pseudonyms.isExternal(address) ? pseudonymTable.remember(address) : address;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Silence silence(String reason, Instant at) {
        return reason == null ? null : new Silence(SilenceService.NO_REPORT_EXPECTED, reason, at);
    }

    /** The API views of messages, each address shown through {@code shown} (clear, or {@link #forCompliance}). */
    public List<MessageView> views(List<SentMessage> messages, UnaryOperator<String> shown) {
        List<Long> ids = messages.stream().map(SentMessage::id).collect(Collectors.toList());
        List<MessageRecipient> recipients = repository.recipientsOf(ids);
        List<TimelineEntry> entries = repository.timelinesOf(recipients.stream().map(MessageRecipient::id).toList());
        Map<String, Long> reportIds = repository.reportIdsByEventId(
            entries.stream().map(TimelineEntry::eventId).collect(Collectors.toSet()));
        Map<Long, List<TimelineView>> timelines = new LinkedHashMap<>();
        for (TimelineEntry entry : entries) {
            timelines.computeIfAbsent(entry.recipientId(), k -> new ArrayList<>())
                .add(new TimelineView(entry.at(), entry.kind(), entry.state(), entry.status(), shown.apply(entry.detail()),
                    entry.heuristic(), reportIds.get(entry.eventId())));
        }
        Map<Long, List<RecipientView>> byMessage = new LinkedHashMap<>();
        Map<String, DomainSummary> domains = new HashMap<>();
        for (MessageRecipient r : recipients) {
            DomainSummary domain = r.domain() == null ? null : domains.computeIfAbsent(r.domain(), d -> domainStats.find(d)
                .map(st -> new DomainSummary(d, st.dsnSeen(), st.mdnReturned(), DomainResource.iso(st.medianTimeToReceipt())))
                .orElse(new DomainSummary(d, 0, 0, null)));
            byMessage.computeIfAbsent(r.messageId(), k -> new ArrayList<>()).add(new RecipientView(
                shown.apply(r.address()),
                new Requested(r.requestedMdn(), r.requestedNotify()),
                new Delivery(r.deliveryState().name(), r.deliveryStatus(), shown.apply(r.deliveryDiagnostic()),
                    r.deliveryAt(), r.deliveryVerification().name(), r.deliveryHeuristic(),
                    silence(r.deliverySilence(), r.deliverySilenceAt())),
                new Disposition(r.dispositionState(), r.dispositionAt(), r.verification().name(), r.dispositionMatch(),
                    silence(r.readSilence(), r.readSilenceAt())),
                domain,
                r.forgedReports() > 0 ? List.of("FORGED_REPORT") : List.of(),
                timelines.getOrDefault(r.id(), List.of())));
        }
        return messages.stream()
            .map(m -> new MessageView(m.messageId(), shown.apply(m.sender()), m.envelopeId(), m.submittedAt(),
                byMessage.getOrDefault(m.id(), List.of())))
            .toList();
    }
}
