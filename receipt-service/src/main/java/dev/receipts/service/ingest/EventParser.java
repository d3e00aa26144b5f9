package dev.receipts.service.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.receipts.contract.FieldLimits;

/** Reads one event of the ingest contract, or says precisely why it is malformed. */
public final class EventParser {
    private static final int MAX_QUOTED = 80;
    /** The contract's field limits (the columns are at least this wide). */
    private static final int MAX_ADDRESS = FieldLimits.ADDRESS;
    private static final int MAX_MESSAGE_ID = FieldLimits.MESSAGE_ID;
    private static final int MAX_SHORT = FieldLimits.NAME;
    private static final int MAX_DOMAIN = FieldLimits.HOST;
    private static final int MAX_ENVELOPE_ID = FieldLimits.ENVELOPE_ID;
    private static final int MAX_REASONS = 20;
    private static final int MAX_RECIPIENTS = FieldLimits.RECIPIENTS;
    private static final Set<String> POLICY_SOURCES = Set.of("EMPLOYEE", "ORGANISATION", "DEFAULT");
    private static final Set<String> POLICY_CHOICES = Set.of("ALWAYS", "NEVER", "ASK");
    private static final Set<String> DIRECTIONS = Set.of("INCOMING", "OUTGOING");
    private static final Set<String> PIXEL_ACTIONS = Set.of("NEUTRALIZED", "FLAGGED", "STRIPPED");

    private EventParser() {
    }

    /** The event id if the node carries a usable one, else null (for the rejected-event record). */
    public static String idOf(JsonNode node) {
        JsonNode id = node == null ? null : node.get("id");
        return id != null && id.isTextual() ? truncate(id.asText(), 255) : null;
    }

    public static Event parse(JsonNode node) throws MalformedEventException {
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("event must be a JSON object, got [" + quote(node) + "]");
        }
        String id = requiredText(node, "id");
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("'id' must be a UUID, got [" + quote(id) + "]");
        }
        String type = requiredText(node, "type");
        Instant occurredAt = instant(node, "occurredAt");
        switch (type) {
            case "SUBMITTED":
                return submitted(node, id, occurredAt);
            case "LOCAL_DELIVERY":
                return localDelivery(node, id, occurredAt);
            case "REPORT":
                return report(node, id, occurredAt);
            case "MDN_DECISION":
                return mdnDecision(node, id, occurredAt);
            case "PIXELS":
                return pixels(node, id, occurredAt);
            case "RELAYED":
                return relayed(node, id, occurredAt);
            default:
                throw new MalformedEventException("'type' must be SUBMITTED, LOCAL_DELIVERY, REPORT, MDN_DECISION, "
                    + "PIXELS or RELAYED, got [" + quote(type) + "]");
        }
    }

    private static Event.Submitted submitted(JsonNode node, String id, Instant occurredAt) throws MalformedEventException {
        JsonNode mdnRequest = node.get("mdnRequest");
        if (mdnRequest != null && !mdnRequest.isNull() && !mdnRequest.isObject()) {
            throw new MalformedEventException("'mdnRequest' must be an object or null, got [" + quote(mdnRequest) + "]");
        }
        List<Event.SubmittedRecipient> recipients = new ArrayList<>();
        for (JsonNode recipient : requiredArray(node, "recipients")) {
            if (!recipient.isObject()) {
                throw new MalformedEventException("'recipients' entries must be objects, got [" + quote(recipient) + "]");
            }
            String address = requiredText(recipient, "address");
            List<String> notify = new ArrayList<>();
            JsonNode notifyNode = recipient.get("notify");
            if (notifyNode != null && !notifyNode.isNull()) {
                if (!notifyNode.isArray()) {
                    throw new MalformedEventException("'notify' must be an array, got [" + quote(notifyNode) + "]");
                }
                for (JsonNode value : notifyNode) {
                    if (!value.isTextual()) {
                        throw new MalformedEventException("'notify' entries must be strings, got [" + quote(value) + "]");
                    }
                    notify.add(value.asText());
                }
            }
            recipients.add(new Event.SubmittedRecipient(address, List.copyOf(notify), optionalText(recipient, "orcpt")));
        }
        JsonNode subject = node.get("subject");
        if (subject != null && !subject.isNull() && !subject.isTextual()) {
            // Never quote a subject: the reason is stored, and subjects may be confidential.
            throw new MalformedEventException("'subject' must be a string or null, got [a " + subject.getNodeType()
                .name().toLowerCase(Locale.ROOT) + "]");
        }
        return new Event.Submitted(id, occurredAt, optionalText(node, "messageId"), optionalText(node, "sender"),
            optionalText(node, "authUser"), optionalText(node, "envelopeId"),
            mdnRequest != null && mdnRequest.isObject(), List.copyOf(recipients),
            subject == null || subject.isNull() ? null : subject.asText());
    }

    private static Event.LocalDelivery localDelivery(JsonNode node, String id, Instant occurredAt)
        throws MalformedEventException {
        List<String> recipients = new ArrayList<>();
        for (JsonNode recipient : requiredArray(node, "recipients")) {
            if (!recipient.isTextual() || recipient.asText().isBlank()) {
                throw new MalformedEventException("'recipients' entries must be addresses, got [" + quote(recipient) + "]");
            }
            recipients.add(recipient.asText());
        }
        return new Event.LocalDelivery(id, occurredAt, optionalText(node, "messageId"), optionalText(node, "envelopeId"),
            List.copyOf(recipients), localMdnRequest(node));
    }

    /** {@code LOCAL_DELIVERY.mdnRequest}: optional; when present, every field is required. */
    private static Event.MdnRequest localMdnRequest(JsonNode node) throws MalformedEventException {
        JsonNode request = node.get("mdnRequest");
        if (request == null || request.isNull()) {
            return null;
        }
        if (!request.isObject()) {
            throw new MalformedEventException("'mdnRequest' must be an object or null, got [" + quote(request) + "]");
        }
        String header = requiredText(request, "header", MAX_SHORT, "mdnRequest.header");
        String address = requiredText(request, "address", MAX_ADDRESS, "mdnRequest.address");
        Event.Audience audience = audience(request, "mdnRequest.audience");
        return new Event.MdnRequest(header, address, audience);
    }

    private static Event.MdnDecision mdnDecision(JsonNode node, String id, Instant occurredAt)
        throws MalformedEventException {
        String author = optionalText(node, "author", MAX_ADDRESS, "author");
        if (author != null && author.isBlank()) {
            author = null;
        }
        List<String> recipients = addresses(node, "recipients");
        if (recipients.isEmpty()) {
            throw new MalformedEventException("'recipients' must name at least one address, got [[]]");
        }
        Event.Audience audience = audience(node, "audience");
        String decisionText = requiredText(node, "decision");
        Event.Decision decision;
        try {
            decision = Event.Decision.valueOf(decisionText);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(
                "'decision' must be SENT, STOPPED or LEFT_TO_CLIENT, got [" + quote(decisionText) + "]");
        }
        JsonNode policy = node.get("policy");
        if (policy == null || !policy.isObject()) {
            throw new MalformedEventException("'policy' must be an object, got [" + quote(policy) + "]");
        }
        String source = oneOf(policy, "source", POLICY_SOURCES, "policy.source", "EMPLOYEE, ORGANISATION or DEFAULT");
        String choice = oneOf(policy, "choice", POLICY_CHOICES, "policy.choice", "ALWAYS, NEVER or ASK");
        String version = optionalText(policy, "version", MAX_SHORT, "policy.version");
        JsonNode noticeSent = node.get("noticeSent");
        if (noticeSent != null && !noticeSent.isNull() && !noticeSent.isBoolean()) {
            throw new MalformedEventException("'noticeSent' must be true or false, got [" + quote(noticeSent) + "]");
        }
        return new Event.MdnDecision(id, occurredAt, optionalText(node, "node"), author, recipients, audience, decision,
            new Event.PolicyRef(source, choice, version),
            optionalText(node, "originalMessageId", MAX_MESSAGE_ID, "originalMessageId"),
            optionalText(node, "dispositionType", MAX_SHORT, "dispositionType"),
            optionalText(node, "messageId", MAX_MESSAGE_ID, "messageId"),
            noticeSent != null && noticeSent.asBoolean());
    }

    private static Event.Pixels pixels(JsonNode node, String id, Instant occurredAt) throws MalformedEventException {
        String direction = oneOf(node, "direction", DIRECTIONS, "direction", "INCOMING or OUTGOING");
        List<String> recipients = addresses(node, "recipients");
        JsonNode count = node.get("count");
        if (count == null || !count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 1) {
            throw new MalformedEventException("'count' must be an integer of at least 1, got [" + quote(count) + "]");
        }
        JsonNode reasonsNode = node.get("reasons");
        SortedMap<String, Integer> reasons = new TreeMap<>();
        if (reasonsNode != null && !reasonsNode.isNull()) {
            if (!reasonsNode.isObject()) {
                throw new MalformedEventException("'reasons' must be an object, got [" + quote(reasonsNode) + "]");
            }
            if (reasonsNode.size() > MAX_REASONS) {
                throw new MalformedEventException("'reasons' holds at most " + MAX_REASONS + " reasons, got ["
                    + reasonsNode.size() + "]");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = reasonsNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> reason = fields.next();
                JsonNode value = reason.getValue();
                if (reason.getKey().isBlank() || reason.getKey().length() > MAX_SHORT) {
                    throw new MalformedEventException("'reasons' keys must be 1 to " + MAX_SHORT
                        + " characters, got [" + quote(reason.getKey()) + "]");
                }
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
                    throw new MalformedEventException("'reasons." + quote(reason.getKey())
                        + "' must be a non-negative integer, got [" + quote(value) + "]");
                }
                reasons.put(reason.getKey(), value.intValue());
            }
        }
        String action = oneOf(node, "action", PIXEL_ACTIONS, "action", "NEUTRALIZED, FLAGGED or STRIPPED");
        return new Event.Pixels(id, occurredAt, direction, optionalText(node, "messageId", MAX_MESSAGE_ID, "messageId"),
            optionalText(node, "senderDomain", MAX_DOMAIN, "senderDomain"), recipients, count.intValue(),
            Collections.unmodifiableSortedMap(reasons), action);
    }

    /** A required array of non-blank address strings, each at most {@value #MAX_ADDRESS} characters. */
    private static List<String> addresses(JsonNode node, String field) throws MalformedEventException {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw new MalformedEventException("'" + field + "' must be an array, got [" + quote(array) + "]");
        }
        if (array.size() > MAX_RECIPIENTS) {
            throw new MalformedEventException("'" + field + "' holds at most " + MAX_RECIPIENTS + " addresses, got ["
                + array.size() + "]");
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new MalformedEventException("'" + field + "' entries must be addresses, got [" + quote(value) + "]");
            }
            if (value.asText().length() > MAX_ADDRESS) {
                throw new MalformedEventException("'" + field + "' entries must be at most " + MAX_ADDRESS
                    + " characters, got [" + quote(value.asText()) + "]");
            }
            addresses.add(value.asText());
        }
        return List.copyOf(addresses);
    }

    private static Event.Audience audience(JsonNode node, String label) throws MalformedEventException {
        String field = label.substring(label.lastIndexOf('.') + 1);
        return Event.Audience.valueOf(oneOf(node, field, Set.of("INTERNAL", "EXTERNAL"), label, "INTERNAL or EXTERNAL"));
    }

    private static String oneOf(JsonNode node, String field, Set<String> allowed, String label, String expected)
        throws MalformedEventException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !allowed.contains(value.asText())) {
            throw new MalformedEventException("'" + label + "' must be " + expected + ", got [" + quote(value) + "]");
        }
        return value.asText();
    }

    private static String requiredText(JsonNode node, String field, int max, String label) throws MalformedEventException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("'" + label + "' must be a non-empty string, got [" + quote(value) + "]");
        }
        return checkLength(value.asText(), max, label);
    }

    private static String optionalText(JsonNode node, String field, int max, String label) throws MalformedEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedEventException("'" + label + "' must be a string or null, got [" + quote(value) + "]");
        }
        return checkLength(value.asText(), max, label);
    }

    private static String checkLength(String value, int max, String label) throws MalformedEventException {
        if (value.length() > max) {
            throw new MalformedEventException("'" + label + "' must be at most " + max + " characters, got ["
                + value.length() + "]: [" + quote(value) + "]");
        }
        return value;
    }

    private static Event.Relayed relayed(JsonNode node, String id, Instant occurredAt) throws MalformedEventException {
        List<String> recipients = addresses(node, "recipients");
        if (recipients.isEmpty()) {
            throw new MalformedEventException("'recipients' must name at least one address, got [[]]");
        }
        JsonNode dsnOffered = node.get("dsnOffered");
        if (dsnOffered != null && !dsnOffered.isNull() && !dsnOffered.isBoolean()) {
            throw new MalformedEventException("'dsnOffered' must be true, false or null, got [" + quote(dsnOffered) + "]");
        }
        return new Event.Relayed(id, occurredAt, optionalText(node, "messageId", MAX_MESSAGE_ID, "messageId"),
            optionalText(node, "envelopeId", MAX_ENVELOPE_ID, "envelopeId"),
            optionalText(node, "sender", MAX_ADDRESS, "sender"), recipients,
            optionalText(node, "remoteHost", MAX_DOMAIN, "remoteHost"),
            dsnOffered == null || dsnOffered.isNull() ? null : dsnOffered.asBoolean());
    }

    private static Event.Report report(JsonNode node, String id, Instant occurredAt) throws MalformedEventException {
        String reportType = requiredText(node, "reportType", MAX_SHORT, "reportType").toLowerCase(Locale.ROOT);
        JsonNode heuristic = node.get("heuristic");
        if (heuristic != null && !heuristic.isNull() && !heuristic.isBoolean()) {
            throw new MalformedEventException("'heuristic' must be true or false, got [" + quote(heuristic) + "]");
        }
        Event.Dsn dsn = null;
        JsonNode dsnNode = node.get("dsn");
        if (dsnNode != null && !dsnNode.isNull()) {
            if (!dsnNode.isObject()) {
                throw new MalformedEventException("'dsn' must be an object or null, got [" + quote(dsnNode) + "]");
            }
            List<Event.DsnRecipient> recipients = new ArrayList<>();
            for (JsonNode recipient : requiredArray(dsnNode, "recipients")) {
                if (!recipient.isObject()) {
                    throw new MalformedEventException("'dsn.recipients' entries must be objects, got [" + quote(recipient) + "]");
                }
                recipients.add(new Event.DsnRecipient(address(recipient, "finalRecipient"),
                    address(recipient, "originalRecipient"), optionalText(recipient, "action"),
                    optionalText(recipient, "status"), optionalText(recipient, "diagnosticCode"),
                    optionalText(recipient, "remoteMta"), optionalText(recipient, "lastAttemptDate"),
                    optionalText(recipient, "reason", MAX_SHORT, "dsn.recipients.reason"),
                    optionalText(recipient, "statusText")));
            }
            dsn = new Event.Dsn(optionalText(dsnNode, "reportingMta"), optionalText(dsnNode, "originalEnvelopeId"),
                optionalText(dsnNode, "arrivalDate"), optionalText(dsnNode, "returnedMessageId"),
                List.copyOf(recipients));
        }
        Event.Mdn mdn = null;
        JsonNode mdnNode = node.get("mdn");
        if (mdnNode != null && !mdnNode.isNull()) {
            if (!mdnNode.isObject()) {
                throw new MalformedEventException("'mdn' must be an object or null, got [" + quote(mdnNode) + "]");
            }
            mdn = new Event.Mdn(optionalText(mdnNode, "reportingUa"), optionalText(mdnNode, "originalMessageId"),
                address(mdnNode, "originalRecipient"), address(mdnNode, "finalRecipient"),
                optionalText(mdnNode, "disposition"), blankAsNull(optionalText(mdnNode, "dispositionType")),
                optionalText(mdnNode, "returnedMessageId"));
        }
        return new Event.Report(id, occurredAt, reportType, optionalText(node, "messageId"),
            optionalText(node, "sender"), optionalText(node, "authUser"), optionalText(node, "inReplyTo"),
            optionalText(node, "references"), heuristic != null && heuristic.asBoolean(), dsn, mdn);
    }

    /** A report address: {@code {"type":"rfc822","address":"..."}}, or a plain string as some parsers write it. */
    private static String address(JsonNode node, String field) throws MalformedEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isObject()) {
            String address = optionalText(value, "address");
            String type = optionalText(value, "type");
            if (address == null) {
                return null;
            }
            return type == null ? address : type + ";" + address;
        }
        throw new MalformedEventException("'" + field + "' must be an object or null, got [" + quote(value) + "]");
    }

    private static Instant instant(JsonNode node, String field) throws MalformedEventException {
        String text = requiredText(node, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new MalformedEventException("'" + field + "' must be an ISO-8601 instant, got [" + quote(text) + "]");
            }
        }
    }

    private static Iterable<JsonNode> requiredArray(JsonNode node, String field) throws MalformedEventException {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new MalformedEventException("'" + field + "' must be an array, got [" + quote(value) + "]");
        }
        return value;
    }

    private static String requiredText(JsonNode node, String field) throws MalformedEventException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("'" + field + "' must be a non-empty string, got [" + quote(value) + "]");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) throws MalformedEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedEventException("'" + field + "' must be a string or null, got [" + quote(value) + "]");
        }
        return value.asText();
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String quote(Object value) {
        return truncate(value == null ? "missing" : value.toString(), MAX_QUOTED);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
