package dev.receipts.service.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one event of the ingest contract, or says precisely why it is malformed. */
public final class EventParser {
    private static final int MAX_QUOTED = 80;

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
            default:
                throw new MalformedEventException(
                    "'type' must be SUBMITTED, LOCAL_DELIVERY or REPORT, got [" + quote(type) + "]");
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
        return new Event.Submitted(id, occurredAt, optionalText(node, "messageId"), optionalText(node, "sender"),
            optionalText(node, "authUser"), optionalText(node, "envelopeId"),
            mdnRequest != null && mdnRequest.isObject(), List.copyOf(recipients));
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
            List.copyOf(recipients));
    }

    private static Event.Report report(JsonNode node, String id, Instant occurredAt) throws MalformedEventException {
        String reportType = requiredText(node, "reportType");
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
                    optionalText(recipient, "status"), optionalText(recipient, "diagnosticCode")));
            }
            dsn = new Event.Dsn(optionalText(dsnNode, "originalEnvelopeId"), optionalText(dsnNode, "returnedMessageId"),
                List.copyOf(recipients));
        }
        Event.Mdn mdn = null;
        JsonNode mdnNode = node.get("mdn");
        if (mdnNode != null && !mdnNode.isNull()) {
            if (!mdnNode.isObject()) {
                throw new MalformedEventException("'mdn' must be an object or null, got [" + quote(mdnNode) + "]");
            }
            mdn = new Event.Mdn(optionalText(mdnNode, "originalMessageId"), address(mdnNode, "originalRecipient"),
                address(mdnNode, "finalRecipient"), optionalText(mdnNode, "disposition"),
                requiredText(mdnNode, "dispositionType"));
        }
        return new Event.Report(id, occurredAt, reportType, optionalText(node, "authUser"), dsn, mdn);
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

    private static String quote(Object value) {
        return truncate(value == null ? "missing" : value.toString(), MAX_QUOTED);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
