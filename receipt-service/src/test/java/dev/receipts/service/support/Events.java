package dev.receipts.service.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Builds events of the ingest contract (docs/events.md) and posts them as the mailets do. */
public final class Events {
    public static final String TOKEN = "test-ingest-token";

    private Events() {
    }

    public static String uniqueMessageId(String label) {
        return "<" + label + "-" + UUID.randomUUID() + "@Corp.Example>";
    }

    public static Map<String, Object> submitted(String messageId, String sender, String envelopeId, boolean mdn,
                                                String... recipients) {
        Map<String, Object> event = common("SUBMITTED");
        event.put("messageId", messageId);
        event.put("sender", sender);
        event.put("authUser", sender);
        event.put("fromHeader", sender);
        event.put("envelopeId", envelopeId);
        event.put("ret", envelopeId == null ? null : "HDRS");
        event.put("mdnRequest", mdn ? Map.of("header", "Disposition-Notification-To", "address", sender) : null);
        List<Map<String, Object>> rcpts = new ArrayList<>();
        for (String recipient : recipients) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("address", recipient);
            r.put("notify", List.of("SUCCESS", "FAILURE", "DELAY"));
            r.put("orcpt", "rfc822;" + recipient);
            rcpts.add(r);
        }
        event.put("recipients", rcpts);
        return event;
    }

    public static Map<String, Object> localDelivery(String messageId, String... recipients) {
        Map<String, Object> event = common("LOCAL_DELIVERY");
        event.put("messageId", messageId);
        event.put("envelopeId", null);
        event.put("sender", "alice@corp.example");
        event.put("recipients", List.of(recipients));
        return event;
    }

    /** A {@code LOCAL_DELIVERY} whose message asks for a read receipt (docs/consent.md). */
    public static Map<String, Object> localDeliveryWithMdnRequest(String messageId, String requester, String audience,
                                                                  String... recipients) {
        Map<String, Object> event = localDelivery(messageId, recipients);
        event.put("sender", requester);
        event.put("mdnRequest", Map.of("header", "Disposition-Notification-To", "address", requester,
            "audience", audience));
        return event;
    }

    /** An {@code MDN_DECISION}: the author's client sent an MDN and the server decided. */
    public static Map<String, Object> mdnDecision(String author, String audience, String decision, String source,
                                                  String choice, String originalMessageId, String... recipients) {
        Map<String, Object> event = common("MDN_DECISION");
        event.put("author", author);
        event.put("recipients", List.of(recipients));
        event.put("audience", audience);
        event.put("decision", decision);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("source", source);
        policy.put("choice", choice);
        policy.put("version", "v-" + source.toLowerCase());
        event.put("policy", policy);
        event.put("originalMessageId", originalMessageId);
        event.put("dispositionType", "displayed");
        event.put("messageId", "<mdn-" + UUID.randomUUID() + "@corp.example>");
        event.put("noticeSent", "STOPPED".equals(decision));
        return event;
    }

    /** A {@code PIXELS} event. */
    public static Map<String, Object> pixels(String direction, String senderDomain, int count, String... recipients) {
        Map<String, Object> event = common("PIXELS");
        event.put("direction", direction);
        event.put("messageId", "<px-" + UUID.randomUUID() + "@" + senderDomain + ">");
        event.put("senderDomain", senderDomain);
        event.put("recipients", List.of(recipients));
        event.put("count", count);
        event.put("reasons", Map.of("TINY", count));
        event.put("action", "NEUTRALIZED");
        return event;
    }

    public static Map<String, Object> mdn(String originalMessageId, String recipient, String authUser,
                                          String dispositionType) {
        Map<String, Object> event = report("disposition-notification", recipient, authUser);
        Map<String, Object> mdn = new LinkedHashMap<>();
        mdn.put("reportingUa", "bob-laptop; Thunderbird 128");
        mdn.put("originalMessageId", originalMessageId);
        mdn.put("originalRecipient", null);
        mdn.put("finalRecipient", Map.of("type", "rfc822", "address", recipient));
        mdn.put("disposition", "manual-action/MDN-sent-manually; " + dispositionType);
        mdn.put("actionMode", "manual-action");
        mdn.put("sendingMode", "MDN-sent-manually");
        mdn.put("dispositionType", dispositionType);
        mdn.put("modifiers", List.of());
        event.put("mdn", mdn);
        return event;
    }

    /** A DSN; each recipient is {@code {final, original, action, status, diagnostic}}. */
    public static Map<String, Object> dsn(String envelopeId, String returnedMessageId, List<Map<String, Object>> recipients) {
        Map<String, Object> event = report("delivery-status", "MAILER-DAEMON@corp.example", null);
        event.put("sender", null);
        Map<String, Object> dsn = new LinkedHashMap<>();
        dsn.put("reportingMta", "dns; mx.corp.example");
        dsn.put("originalEnvelopeId", envelopeId);
        dsn.put("arrivalDate", "Mon, 23 Nov 2026 10:00:00 +0000");
        dsn.put("returnedMessageId", returnedMessageId);
        dsn.put("recipients", recipients);
        event.put("dsn", dsn);
        return event;
    }

    public static Map<String, Object> dsnRecipient(String finalRecipient, String originalRecipient, String action,
                                                   String status, String diagnostic) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("finalRecipient", Map.of("type", "rfc822", "address", finalRecipient));
        r.put("originalRecipient", originalRecipient == null ? null : Map.of("type", "rfc822", "address", originalRecipient));
        r.put("action", action);
        r.put("status", status);
        r.put("diagnosticCode", diagnostic);
        r.put("remoteMta", "dns; mx.example.net");
        r.put("lastAttemptDate", null);
        r.put("willRetryUntil", null);
        return r;
    }

    public static ValidatableResponse post(Object... events) {
        return given().contentType(ContentType.JSON)
            .header("Authorization", "Bearer " + TOKEN)
            .body(Map.of("events", List.of(events)))
            .post("/api/v1/ingest/events")
            .then();
    }

    private static Map<String, Object> report(String reportType, String sender, String authUser) {
        Map<String, Object> event = common("REPORT");
        event.put("reportType", reportType);
        event.put("messageId", "<report-" + UUID.randomUUID() + "@corp.example>");
        event.put("sender", sender);
        event.put("authUser", authUser);
        event.put("fromHeader", sender);
        event.put("recipients", List.of("alice@corp.example"));
        event.put("inReplyTo", null);
        event.put("references", null);
        event.put("machineReadable", "Reporting-UA: test");
        event.put("problems", List.of());
        event.put("dsn", null);
        event.put("mdn", null);
        return event;
    }

    private static Map<String, Object> common(String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("node", "james-test");
        event.put("occurredAt", Instant.now().toString());
        event.put("mailName", "Mail" + System.nanoTime());
        return event;
    }
}
