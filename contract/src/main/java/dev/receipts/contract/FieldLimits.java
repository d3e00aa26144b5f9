package dev.receipts.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The limit of every event field, and what is kept when a value is longer (docs/events.md, "Field limits").
 * The one definition: the mailets bound each event with it before spooling it, the service bounds each event it
 * receives with it before reading it, and the database columns the fields land in are at least this wide
 * (checked by the service's tests).
 *
 * <p>Fields are named by their path in the event's JSON, {@code .} between names and {@code []} for an array's
 * items: {@code dsn.recipients[].diagnosticCode}. A string field not named here is a {@link #TEXT} of
 * {@link #DEFAULT_TEXT} characters; an array not named here holds at most {@link #DEFAULT_ITEMS} items.
 */
public final class FieldLimits {
    /** A Message-ID as an event carries it: RFC 5322's line limit, and the width of the Message-ID columns. */
    public static final int MESSAGE_ID = 998;
    /** A Message-ID's lookup form; two fewer than {@link #MESSAGE_ID}, so that it fits in angle brackets. */
    public static final int MESSAGE_ID_LOOKUP = MESSAGE_ID - 2;
    /** An address (addr-spec, or a raw header address). */
    public static final int ADDRESS = 512;
    /** An {@code ORCPT} value, with its address type ({@code rfc822;…}). */
    public static final int ORCPT = 1000;
    /** A DSN {@code ENVID} after xtext decoding (RFC 3461 allows 100 characters before it). */
    public static final int ENVELOPE_ID = 512;
    /** A host or domain name (RFC 1035: 255). */
    public static final int HOST = 255;
    /** A keyword: an enum value, an action, a status code, a reason word, a disposition type. */
    public static final int KEYWORD = 32;
    /** A longer keyword: a report type, an address type, a policy version, a header name. */
    public static final int NAME = 64;
    /** A date as written in a report (RFC 5322 date-time, with comments). */
    public static final int DATE = 255;
    /** A diagnostic or a status in words. */
    public static final int DIAGNOSTIC = 2000;
    /** A Subject (after decoding). */
    public static final int SUBJECT = 2000;
    /** A References header: many Message-IDs. */
    public static final int REFERENCES = 8000;
    /** The raw machine-readable part of a report (64 KiB). */
    public static final int MACHINE_READABLE = 65536;
    /** Any other string. */
    public static final int DEFAULT_TEXT = 1000;
    /** Recipients in one event (of a submission, a delivery, a DSN, an MDN decision). */
    public static final int RECIPIENTS = 1000;
    /** Items of any other array. */
    public static final int DEFAULT_ITEMS = 50;

    /** How a field's over-long value is kept. */
    public enum Kind {
        /** {@link MessageIds#fieldForm}: as written, or the lookup form of the whole value in angle brackets. */
        MESSAGE_ID,
        /** {@link Bounded#identifier}: a prefix and the hash of the whole value, so that it still matches. */
        IDENTIFIER,
        /** {@link Bounded#text}: the beginning and an ellipsis. */
        TEXT,
        /** An array: its first {@code max} items; how many were left out is noted in {@code bounded}. */
        ITEMS
    }

    /** One field's rule. */
    public static final class Rule {
        private final Kind kind;
        private final int max;

        Rule(Kind kind, int max) {
            this.kind = Objects.requireNonNull(kind);
            this.max = max;
        }

        public Kind kind() {
            return kind;
        }

        public int max() {
            return max;
        }

        @Override
        public String toString() {
            return kind + "(" + max + ")";
        }
    }

    /** The name of the array in which a bounded event lists what was cut, e.g. {@code "dsn.recipients: kept 1000 of 20000"}. */
    public static final String BOUNDED = "bounded";

    private static final Map<String, Rule> RULES = rules();

    private FieldLimits() {
    }

    /** Every named field and its rule, in the order of docs/events.md. */
    public static Map<String, Rule> all() {
        return RULES;
    }

    /** The rule of a string field at this path. */
    public static Rule ofText(String path) {
        Rule rule = RULES.get(path);
        return rule != null && rule.kind != Kind.ITEMS ? rule : new Rule(Kind.TEXT, DEFAULT_TEXT);
    }

    /** The rule of an array at this path. */
    public static Rule ofItems(String path) {
        Rule rule = RULES.get(path);
        return rule != null && rule.kind == Kind.ITEMS ? rule : new Rule(Kind.ITEMS, DEFAULT_ITEMS);
    }

    private static Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        // Every event
        text(rules, NAME, "id", "type", "occurredAt");
        text(rules, HOST, "node", "mailName");
        items(rules, DEFAULT_ITEMS, BOUNDED);
        // SUBMITTED
        messageId(rules, "messageId");
        identifier(rules, ADDRESS, "sender", "authUser");
        text(rules, DEFAULT_TEXT, "fromHeader");
        identifier(rules, ENVELOPE_ID, "envelopeId");
        text(rules, KEYWORD, "ret");
        text(rules, SUBJECT, "subject");
        text(rules, NAME, "mdnRequest.header");
        identifier(rules, ADDRESS, "mdnRequest.address");
        text(rules, KEYWORD, "mdnRequest.audience");
        items(rules, RECIPIENTS, "recipients");
        identifier(rules, ADDRESS, "recipients[]", "recipients[].address");
        items(rules, 8, "recipients[].notify");
        text(rules, KEYWORD, "recipients[].notify[]");
        identifier(rules, ORCPT, "recipients[].orcpt");
        // MDN_DECISION
        identifier(rules, ADDRESS, "author");
        text(rules, KEYWORD, "audience", "decision", "dispositionType", "policy.source", "policy.choice");
        text(rules, NAME, "policy.version");
        messageId(rules, "originalMessageId");
        // REPORT
        text(rules, NAME, "reportType");
        messageId(rules, "inReplyTo");
        text(rules, REFERENCES, "references");
        text(rules, MACHINE_READABLE, "machineReadable");
        items(rules, DEFAULT_ITEMS, "problems");
        text(rules, DEFAULT_TEXT, "problems[]");
        text(rules, DEFAULT_TEXT, "dsn.reportingMta", "dsn.dsnGateway", "dsn.receivedFromMta");
        identifier(rules, ENVELOPE_ID, "dsn.originalEnvelopeId");
        text(rules, DATE, "dsn.arrivalDate");
        messageId(rules, "dsn.returnedMessageId");
        items(rules, RECIPIENTS, "dsn.recipients");
        typedAddress(rules, "dsn.recipients[].finalRecipient");
        typedAddress(rules, "dsn.recipients[].originalRecipient");
        text(rules, KEYWORD, "dsn.recipients[].action", "dsn.recipients[].status", "dsn.recipients[].reason");
        text(rules, DIAGNOSTIC, "dsn.recipients[].statusText", "dsn.recipients[].diagnosticCode");
        text(rules, DEFAULT_TEXT, "dsn.recipients[].remoteMta");
        text(rules, DATE, "dsn.recipients[].lastAttemptDate", "dsn.recipients[].willRetryUntil",
            "dsn.recipients[].finalLogId");
        text(rules, DEFAULT_TEXT, "mdn.reportingUa");
        messageId(rules, "mdn.originalMessageId");
        typedAddress(rules, "mdn.originalRecipient");
        typedAddress(rules, "mdn.finalRecipient");
        text(rules, HOST, "mdn.disposition");
        text(rules, KEYWORD, "mdn.actionMode", "mdn.sendingMode", "mdn.dispositionType", "mdn.readBy");
        items(rules, 20, "mdn.modifiers");
        text(rules, NAME, "mdn.modifiers[]");
        messageId(rules, "mdn.returnedMessageId");
        // PIXELS
        text(rules, KEYWORD, "direction", "action");
        text(rules, HOST, "senderDomain");
        // RELAYED
        text(rules, HOST, "remoteHost");
        return Collections.unmodifiableMap(rules);
    }

    private static void typedAddress(Map<String, Rule> rules, String path) {
        text(rules, NAME, path + ".type");
        identifier(rules, ADDRESS, path + ".address", path);
    }

    private static void messageId(Map<String, Rule> rules, String... paths) {
        put(rules, Kind.MESSAGE_ID, MESSAGE_ID, paths);
    }

    private static void identifier(Map<String, Rule> rules, int max, String... paths) {
        put(rules, Kind.IDENTIFIER, max, paths);
    }

    private static void text(Map<String, Rule> rules, int max, String... paths) {
        put(rules, Kind.TEXT, max, paths);
    }

    private static void items(Map<String, Rule> rules, int max, String... paths) {
        put(rules, Kind.ITEMS, max, paths);
    }

    private static void put(Map<String, Rule> rules, Kind kind, int max, String... paths) {
        for (String path : paths) {
            if (rules.put(path, new Rule(kind, max)) != null) {
                throw new IllegalStateException("two rules for " + path);
            }
        }
    }
}
