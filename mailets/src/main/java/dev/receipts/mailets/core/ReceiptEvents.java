package dev.receipts.mailets.core;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.contract.EventBounds;

/**
 * Builds the events of {@code docs/events.md} ({@code SUBMITTED}, {@code LOCAL_DELIVERY},
 * {@code REPORT}, {@code MDN_DECISION}) as JSON. Every field of the contract is written, absent values as JSON null.
 */
public final class ReceiptEvents {
    public static final String SUBMITTED = "SUBMITTED";
    public static final String LOCAL_DELIVERY = "LOCAL_DELIVERY";
    public static final String REPORT = "REPORT";
    public static final String MDN_DECISION = "MDN_DECISION";
    public static final String RELAYED = "RELAYED";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String node;
    private final Clock clock;

    public ReceiptEvents(String node, Clock clock) {
        this.node = Objects.requireNonNull(node, "node");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ObjectNode submitted(String mailName, Submission submission) {
        ObjectNode event = common(SUBMITTED, mailName);
        event.put("messageId", submission.messageId());
        event.put("sender", submission.sender());
        event.put("authUser", submission.authUser());
        event.put("fromHeader", submission.fromHeader());
        event.put("envelopeId", submission.envelopeId());
        event.put("ret", submission.ret());
        event.put("subject", submission.subject());
        if (submission.mdnRequest() == null) {
            event.putNull("mdnRequest");
        } else {
            ObjectNode request = event.putObject("mdnRequest");
            request.put("header", submission.mdnRequest().header());
            request.put("address", submission.mdnRequest().address());
        }
        ArrayNode recipients = event.putArray("recipients");
        for (EnvelopeRecipient recipient : submission.recipients()) {
            ObjectNode item = recipients.addObject();
            item.put("address", recipient.address());
            ArrayNode notify = item.putArray("notify");
            recipient.notifyKeywords().forEach(notify::add);
            item.put("orcpt", recipient.orcpt());
        }
        return event;
    }

    /**
     * A {@code LOCAL_DELIVERY} event.
     *
     * @param mdnRequest         the delivered message's read-receipt request, or null
     * @param requesterAudience  the audience of the request's address; ignored when {@code mdnRequest} is null
     */
    public ObjectNode localDelivery(String mailName, String messageId, String envelopeId, String sender, List<String> recipients,
                                    MdnRequest mdnRequest, Audience requesterAudience) {
        ObjectNode event = common(LOCAL_DELIVERY, mailName);
        event.put("messageId", messageId);
        event.put("envelopeId", envelopeId);
        event.put("sender", sender);
        ArrayNode array = event.putArray("recipients");
        recipients.forEach(array::add);
        if (mdnRequest == null) {
            event.putNull("mdnRequest");
        } else {
            ObjectNode request = event.putObject("mdnRequest");
            request.put("header", mdnRequest.header());
            request.put("address", mdnRequest.requesterAddress().orElse(mdnRequest.address()));
            request.put("audience", Objects.requireNonNull(requesterAudience, "requesterAudience").name());
        }
        return event;
    }

    public ObjectNode report(String mailName, ReportEnvelope envelope, Report report) {
        ObjectNode event = common(REPORT, mailName);
        event.put("reportType", report.reportType());
        event.put("heuristic", report.heuristic());
        event.put("messageId", envelope.messageId());
        event.put("sender", envelope.sender());
        event.put("authUser", envelope.authUser());
        event.put("fromHeader", envelope.fromHeader());
        ArrayNode recipients = event.putArray("recipients");
        envelope.recipients().forEach(recipients::add);
        event.put("inReplyTo", envelope.inReplyTo());
        event.put("references", envelope.references());
        event.put("machineReadable", report.machineReadable());
        ArrayNode problems = event.putArray("problems");
        report.problems().forEach(problems::add);
        DeliveryStatus dsn = report.deliveryStatus();
        if (dsn == null) {
            event.putNull("dsn");
        } else {
            ObjectNode node = event.putObject("dsn");
            node.put("reportingMta", dsn.reportingMta());
            node.put("dsnGateway", dsn.dsnGateway());
            node.put("receivedFromMta", dsn.receivedFromMta());
            node.put("originalEnvelopeId", dsn.originalEnvelopeId());
            node.put("arrivalDate", dsn.arrivalDate());
            node.put("returnedMessageId", dsn.returnedMessageId());
            ArrayNode array = node.putArray("recipients");
            for (RecipientStatus recipient : dsn.recipients()) {
                ObjectNode item = array.addObject();
                address(item, "finalRecipient", recipient.finalRecipient());
                address(item, "originalRecipient", recipient.originalRecipient());
                item.put("action", recipient.action());
                item.put("status", recipient.status());
                item.put("statusText", recipient.statusText());
                item.put("reason", recipient.reason() == null ? null : recipient.reason().word());
                item.put("diagnosticCode", recipient.diagnosticCode());
                item.put("remoteMta", recipient.remoteMta());
                item.put("lastAttemptDate", recipient.lastAttemptDate());
                item.put("willRetryUntil", recipient.willRetryUntil());
                item.put("finalLogId", recipient.finalLogId());
            }
        }
        DispositionNotification mdn = report.dispositionNotification();
        if (mdn == null) {
            event.putNull("mdn");
        } else {
            ObjectNode node = event.putObject("mdn");
            node.put("reportingUa", mdn.reportingUa());
            node.put("originalMessageId", mdn.originalMessageId());
            address(node, "originalRecipient", mdn.originalRecipient());
            address(node, "finalRecipient", mdn.finalRecipient());
            node.put("disposition", mdn.disposition());
            node.put("actionMode", mdn.actionMode());
            node.put("sendingMode", mdn.sendingMode());
            node.put("dispositionType", mdn.dispositionType());
            ArrayNode modifiers = node.putArray("modifiers");
            mdn.modifiers().forEach(modifiers::add);
            node.put("readBy", mdn.readBy());
            node.put("returnedMessageId", mdn.returnedMessageId());
        }
        return event;
    }

    /** An {@code MDN_DECISION} event: what the server did with an MDN a local user's client sent. */
    public ObjectNode mdnDecision(String mailName, MdnDecision decision) {
        ObjectNode event = common(MDN_DECISION, mailName);
        event.put("author", decision.author());
        ArrayNode recipients = event.putArray("recipients");
        decision.recipients().forEach(recipients::add);
        event.put("audience", decision.audience().name());
        event.put("decision", decision.outcome().name());
        ObjectNode policy = event.putObject("policy");
        policy.put("source", decision.policy().source().name());
        policy.put("choice", decision.policy().choice().name());
        policy.put("version", decision.policy().version());
        event.put("originalMessageId", decision.originalMessageId());
        event.put("dispositionType", decision.dispositionType());
        event.put("messageId", decision.messageId());
        event.put("noticeSent", decision.noticeSent());
        return event;
    }

    /**
     * A {@code RELAYED} event: James's RemoteDelivery handed the message to a remote host for these recipients.
     *
     * @param remoteHost the host, or null when James does not tell
     * @param dsnOffered whether the host advertised DSN, or null when James does not tell
     */
    public ObjectNode relayed(String mailName, String messageId, String envelopeId, String sender, List<String> recipients,
                              String remoteHost, Boolean dsnOffered) {
        ObjectNode event = common(RELAYED, mailName);
        event.put("messageId", messageId);
        event.put("envelopeId", envelopeId);
        event.put("sender", sender);
        ArrayNode array = event.putArray("recipients");
        recipients.forEach(array::add);
        event.put("remoteHost", remoteHost);
        if (dsnOffered == null) {
            event.putNull("dsnOffered");
        } else {
            event.put("dsnOffered", dsnOffered);
        }
        return event;
    }

    /**
     * Compact JSON text of an event, as spooled: bounded first by the contract's field limits
     * ({@link EventBounds}, docs/events.md "Field limits"), so that no value the service cannot store leaves James.
     */
    public static String toJson(ObjectNode event) {
        try {
            return MAPPER.writeValueAsString(EventBounds.apply(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + event.get("id"), e);
        }
    }

    private ObjectNode common(String type, String mailName) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("id", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("node", node);
        event.put("occurredAt", clock.instant().toString());
        event.put("mailName", mailName);
        return event;
    }

    private static void address(ObjectNode parent, String field, TypedAddress address) {
        if (address == null) {
            parent.putNull(field);
        } else {
            ObjectNode node = parent.putObject(field);
            node.put("type", address.type());
            node.put("address", address.address());
        }
    }

    /** The type of {@link #pixels}' events. */
    public static final String PIXELS = "PIXELS";

    /**
     * A {@code PIXELS} event (see {@code docs/consent.md}): tracking pixels found in a message.
     *
     * @param direction    {@code INCOMING} or {@code OUTGOING}
     * @param senderDomain the envelope sender's domain, lower case; null for the null sender
     * @param reasons      how many pixels each rule caught, by rule name; {@code count} is their sum
     * @param action       {@code NEUTRALIZED}, {@code FLAGGED} or {@code STRIPPED}
     */
    public ObjectNode pixels(String mailName, String direction, String messageId, String senderDomain, List<String> recipients,
                             java.util.Map<String, Integer> reasons, String action) {
        ObjectNode event = common(PIXELS, mailName);
        event.put("direction", direction);
        event.put("messageId", messageId);
        event.put("senderDomain", senderDomain);
        ArrayNode array = event.putArray("recipients");
        recipients.forEach(array::add);
        event.put("count", reasons.values().stream().mapToInt(Integer::intValue).sum());
        ObjectNode byReason = event.putObject("reasons");
        reasons.forEach(byReason::put);
        event.put("action", action);
        return event;
    }
}
