package dev.receipts.service.ingest;

import static dev.receipts.service.support.Events.dsn;
import static dev.receipts.service.support.Events.dsnRecipient;
import static dev.receipts.service.support.Events.localDelivery;
import static dev.receipts.service.support.Events.localDeliveryWithMdnRequest;
import static dev.receipts.service.support.Events.mdn;
import static dev.receipts.service.support.Events.mdnDecision;
import static dev.receipts.service.support.Events.pixels;
import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.contract.FieldLimits;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * Every string field of the contract ({@link FieldLimits}) at its limit, one character over and at a megabyte,
 * posted through the real ingest: the event is stored (the columns are wide enough for what the contract keeps),
 * and the ordinary event posted beside it is stored too.
 */
@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
@TestSecurity(user = "alice@corp.example", roles = "employee")
class FieldLimitsIngestTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ALICE = "alice@corp.example";
    private static final String BOB = "bob@corp.example";
    private static final int MEGABYTE = 1 << 20;
    /**
     * Fields whose value the service checks against a closed set or a format: any over-long value is malformed for
     * what it is, and is rejected (kept raw) rather than stored.
     */
    private static final Set<String> CHECKED = Set.of("id", "type", "occurredAt", "mdnRequest.audience", "audience",
        "decision", "policy.source", "policy.choice", "direction", "action");

    @Test
    void everyFieldAtItsLimitOneOverAndAtAMegabyteIsStoredBesideAnOrdinaryEvent() {
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (Map.Entry<String, FieldLimits.Rule> entry : FieldLimits.all().entrySet()) {
            String path = entry.getKey();
            FieldLimits.Rule rule = entry.getValue();
            if (rule.kind() == FieldLimits.Kind.ITEMS) {
                continue;
            }
            for (ObjectNode base : bases()) {
                if (!has(base, path)) {
                    continue;
                }
                for (int length : new int[] {rule.max(), rule.max() + 1, MEGABYTE}) {
                    tried++;
                    ObjectNode event = base.deepCopy();
                    event.put("id", UUID.randomUUID().toString());
                    set(event, path, value(rule, length));
                    ObjectNode ordinary = tree(submitted(uniqueMessageId("beside"), ALICE, null, false, BOB));
                    String label = base.get("type").asText() + " " + path + " of " + length;
                    var response = post(event, ordinary).extract();
                    JsonPath answer = response.jsonPath();
                    if (response.statusCode() != 200) {
                        failures.add(label + ": HTTP " + response.statusCode() + " " + response.asString());
                    } else if (CHECKED.contains(path)) {
                        if (answer.getInt("accepted") < 1 || answer.getInt("accepted") + answer.getInt("rejected") != 2) {
                            failures.add(label + ": " + answer.prettify());
                        }
                    } else if (answer.getInt("accepted") != 2) {
                        failures.add(label + ": " + answer.prettify());
                    }
                }
            }
        }
        assertThat(tried).as("fields tried").isGreaterThan(150);
        assertThat(failures).isEmpty();
    }

    @Test
    void arraysAtTheirItemLimitWithEveryItemAtItsLengthAreStored() {
        ObjectNode submitted = tree(submitted(uniqueMessageId("wide"), ALICE, null, true));
        ArrayNode recipients = submitted.putArray("recipients");
        for (int i = 0; i < FieldLimits.RECIPIENTS + 5; i++) {
            ObjectNode recipient = recipients.addObject();
            String address = i + "-" + "a".repeat(FieldLimits.ADDRESS) + "@corp.example";
            recipient.put("address", address).put("orcpt", "rfc822;" + address + "x".repeat(FieldLimits.ORCPT));
            ArrayNode notify = recipient.putArray("notify");
            for (int k = 0; k < 10; k++) {
                notify.add(k + "v".repeat(FieldLimits.KEYWORD));
            }
        }
        List<Map<String, Object>> dsnRecipients = new ArrayList<>();
        for (int i = 0; i < FieldLimits.RECIPIENTS + 5; i++) {
            dsnRecipients.add(dsnRecipient(i + "-" + "b".repeat(FieldLimits.ADDRESS) + "@corp.example", null, "failed",
                "5.1.1", "d".repeat(FieldLimits.DIAGNOSTIC + 1)));
        }
        ObjectNode report = tree(dsn(null, submitted.get("messageId").asText(), dsnRecipients));

        post(submitted, report).statusCode(200).body("accepted", equalTo(2));
    }

    @Test
    void nulCharactersAreStoredAsReplacementCharacters() {
        String id = uniqueMessageId("nul\u0000in-id");
        ObjectNode submitted = tree(submitted(id, ALICE, null, false, BOB));
        submitted.put("subject", "broken\u0000subject");
        ObjectNode delivery = tree(localDelivery(id, BOB));

        post(submitted, delivery).statusCode(200).body("accepted", equalTo(2));

        JsonPath body = given().queryParam("messageId", id.replace('\u0000', '\uFFFD')).get("/api/v1/messages")
            .then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("items[0].recipients[0].delivery.state")).isEqualTo("DELIVERED");
    }

    @Test
    void aFoldedMessageIdOf3600CharactersCorrelatesFromTheSubmissionToTheDeliveryAndTheReadReceipt() {
        String local = "long-" + UUID.randomUUID() + "-" + "x".repeat(3560);
        String folded = "<" + local.substring(0, 990) + "\r\n " + local.substring(990, 1980) + "\r\n "
            + local.substring(1980) + "@Corp.Example>";
        String unfolded = "<" + local + "@corp.example>";

        post(submitted(folded, ALICE, null, true, BOB)).statusCode(200)
            .body("accepted", equalTo(1));
        post(localDelivery(unfolded, BOB), mdn(unfolded, BOB, BOB, "displayed")).statusCode(200)
            .body("accepted", equalTo(2));

        JsonPath body = given().queryParam("messageId", unfolded).get("/api/v1/messages")
            .then().statusCode(200).extract().jsonPath();
        assertThat(body.getList("items")).hasSize(1);
        assertThat(body.getString("items[0].recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(body.getString("items[0].recipients[0].disposition.state")).isEqualTo("DISPLAYED");
    }

    /** One event of each type, with every field of the contract present. */
    private static List<ObjectNode> bases() {
        String id = uniqueMessageId("limits");
        ObjectNode submitted = tree(submitted(id, ALICE, "env-limits", true, BOB));
        submitted.put("subject", "Limits");
        ObjectNode delivery = tree(localDeliveryWithMdnRequest(id, ALICE, "INTERNAL", BOB));
        ObjectNode decision = tree(mdnDecision(BOB, "INTERNAL", "SENT", "EMPLOYEE", "ALWAYS", id, ALICE));
        ObjectNode pixels = tree(pixels("INCOMING", "news.example", 1, BOB));

        ObjectNode mdnReport = tree(mdn(id, BOB, BOB, "displayed"));
        mdnReport.put("inReplyTo", id).put("references", id);
        ((ArrayNode) mdnReport.get("problems")).add("a problem");
        ObjectNode mdnPart = (ObjectNode) mdnReport.get("mdn");
        mdnPart.putObject("originalRecipient").put("type", "rfc822").put("address", BOB);
        mdnPart.put("readBy", "lenient").put("returnedMessageId", id);
        ((ArrayNode) mdnPart.get("modifiers")).add("error");

        ObjectNode dsnReport = tree(dsn("env-limits", id, List.of(dsnRecipient(BOB, BOB, "failed", "5.1.1", "smtp; 550 no"))));
        ObjectNode dsnPart = (ObjectNode) dsnReport.get("dsn");
        dsnPart.put("dsnGateway", "dns; gw.example").put("receivedFromMta", "dns; mail.corp.example");
        ObjectNode recipient = (ObjectNode) dsnPart.get("recipients").get(0);
        recipient.put("statusText", "permanent failure").put("reason", "userunknown").put("remoteMta", "dns; mx.example")
            .put("lastAttemptDate", "Mon, 23 Nov 2026 10:00:00 +0000").put("willRetryUntil", "Mon, 23 Nov 2026 10:00:00 +0000")
            .put("finalLogId", "4Xyz");

        ObjectNode relayed = MAPPER.createObjectNode();
        relayed.put("id", UUID.randomUUID().toString()).put("type", "RELAYED").put("node", "james-test")
            .put("occurredAt", Instant.now().toString()).put("mailName", "Mail1").put("messageId", id)
            .put("envelopeId", "env-limits").put("sender", ALICE).put("remoteHost", "mx.partner.example")
            .put("dsnOffered", true);
        relayed.putArray("recipients").add("erik@partner.example");
        return List.of(submitted, delivery, decision, pixels, mdnReport, dsnReport, relayed);
    }

    /** A value of {@code length} characters shaped like what the field holds. */
    private static String value(FieldLimits.Rule rule, int length) {
        switch (rule.kind()) {
            case MESSAGE_ID:
                return "<" + "m".repeat(length - 15) + "@corp.example>";
            case IDENTIFIER:
                return "a".repeat(length - 13) + "@corp.example";
            default:
                return "v".repeat(length);
        }
    }

    private static ObjectNode tree(Map<String, Object> event) {
        return MAPPER.valueToTree(new LinkedHashMap<>(event));
    }

    private static boolean has(ObjectNode event, String path) {
        JsonNode node = event;
        for (String name : path.split("\\.")) {
            boolean item = name.endsWith("[]");
            String field = item ? name.substring(0, name.length() - 2) : name;
            if (!(node instanceof ObjectNode) || !node.has(field)) {
                return false;
            }
            node = node.get(field);
            if (item) {
                if (!node.isArray() || node.isEmpty()) {
                    return false;
                }
                node = node.get(0);
            }
        }
        // A typed address may be written as a plain string too (docs/events.md); any other object stays an object.
        return node.isNull() || node.isTextual() || node.isObject() && path.endsWith("Recipient");
    }

    private static void set(ObjectNode event, String path, String value) {
        String[] names = path.split("\\.");
        JsonNode node = event;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            boolean item = name.endsWith("[]");
            String field = item ? name.substring(0, name.length() - 2) : name;
            boolean last = i == names.length - 1;
            if (last && item) {
                ((ArrayNode) node.get(field)).set(0, MAPPER.getNodeFactory().textNode(value));
            } else if (last) {
                ((ObjectNode) node).put(field, value);
            } else {
                node = item ? node.get(field).get(0) : node.get(field);
            }
        }
    }
}
