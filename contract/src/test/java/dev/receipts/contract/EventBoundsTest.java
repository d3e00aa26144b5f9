package dev.receipts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class EventBoundsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyNamedStringFieldIsBoundedByItsRule() {
        for (var entry : FieldLimits.all().entrySet()) {
            if (entry.getValue().kind() == FieldLimits.Kind.ITEMS) {
                continue;
            }
            int max = entry.getValue().max();
            for (int length : new int[] {max, max + 1, 1 << 20}) {
                ObjectNode event = eventWith(entry.getKey(), "v".repeat(length));
                String bounded = textAt(EventBounds.apply(event), entry.getKey());
                assertThat(bounded.length()).as(entry.getKey() + " at " + length).isLessThanOrEqualTo(max);
                if (length == max) {
                    assertThat(bounded).as(entry.getKey() + " at its limit").hasSize(max);
                }
            }
        }
    }

    @Test
    void aDsnOf20000RecipientsKeepsTheFirstThousandAndSaysSo() {
        ObjectNode event = MAPPER.createObjectNode().put("type", "REPORT");
        ArrayNode recipients = event.putObject("dsn").putArray("recipients");
        for (int i = 0; i < 20_000; i++) {
            recipients.addObject().putObject("finalRecipient").put("type", "rfc822").put("address", "r" + i + "@example.net");
        }

        JsonNode bounded = EventBounds.apply(event);

        assertThat(bounded.at("/dsn/recipients").size()).isEqualTo(FieldLimits.RECIPIENTS);
        assertThat(bounded.at("/dsn/recipients/999/finalRecipient/address").asText()).isEqualTo("r999@example.net");
        assertThat(bounded.get("bounded").toString()).contains("dsn.recipients: kept 1000 of 20000");
    }

    @Test
    void aNulInAnyStringBecomesTheReplacementCharacter() {
        ObjectNode event = MAPPER.createObjectNode().put("subject", "a\u0000b").put("messageId", "<x\u0000y@corp.example>");
        event.putArray("problems").add("p\u0000");

        JsonNode bounded = EventBounds.apply(event);

        assertThat(bounded.toString()).doesNotContain("\\u0000");
        assertThat(bounded.get("subject").asText()).isEqualTo("a\uFFFDb");
        assertThat(bounded.get("messageId").asText()).isEqualTo("<x\uFFFDy@corp.example>");
        assertThat(bounded.at("/problems/0").asText()).isEqualTo("p\uFFFD");
    }

    @Test
    void boundingTwiceChangesNothing() {
        ObjectNode event = eventWith("dsn.recipients[].diagnosticCode", "d".repeat(5000));
        event.put("messageId", "<" + "m".repeat(4000) + "@corp.example>");
        event.putArray("problems");
        for (int i = 0; i < 80; i++) {
            ((ArrayNode) event.get("problems")).add("p" + i);
        }
        String once = EventBounds.apply(event).toString();
        assertThat(EventBounds.apply(event).toString()).isEqualTo(once);
    }

    @Test
    void deepNestingAndLongFieldNamesAreDropped() {
        ObjectNode event = MAPPER.createObjectNode();
        ObjectNode deep = event;
        for (int i = 0; i < 200; i++) {
            deep = deep.putObject("n");
        }
        event.put("k".repeat(100), "x");

        JsonNode bounded = EventBounds.apply(event);

        assertThat(bounded.toString().length()).isLessThan(400);
        assertThat(bounded.get("bounded").toString()).contains("nested deeper than").contains("100 characters");
    }

    /** An event holding one string at the path (items of an array become a one-item array). */
    private static ObjectNode eventWith(String path, String value) {
        ObjectNode event = MAPPER.createObjectNode();
        ObjectNode parent = event;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            boolean last = i == names.length - 1;
            if (name.endsWith("[]")) {
                ArrayNode array = parent.putArray(name.substring(0, name.length() - 2));
                if (last) {
                    array.add(value);
                } else {
                    parent = array.addObject();
                }
            } else if (last) {
                parent.put(name, value);
            } else {
                parent = parent.putObject(name);
            }
        }
        return event;
    }

    private static String textAt(JsonNode event, String path) {
        JsonNode node = event;
        for (String name : path.split("\\.")) {
            node = name.endsWith("[]") ? node.get(name.substring(0, name.length() - 2)).get(0) : node.get(name);
        }
        return node.asText();
    }
}
