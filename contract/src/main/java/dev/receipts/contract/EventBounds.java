package dev.receipts.contract;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Bounds every string and array of an event by {@link FieldLimits}, in place. Idempotent: a bounded event is
 * left as it is. Arrays that were cut are noted in the event's {@code bounded} array
 * ({@code "dsn.recipients: kept 1000 of 20000"}); nesting deeper than {@value #MAX_DEPTH} levels is replaced by
 * null (no event of the contract is that deep).
 */
public final class EventBounds {
    /** Deepest nesting kept: {@code dsn.recipients[].finalRecipient.address} is 4. */
    public static final int MAX_DEPTH = 6;

    private EventBounds() {
    }

    /** Bounds the event and returns it; anything but an object is returned as it is. */
    public static JsonNode apply(JsonNode event) {
        if (event instanceof ObjectNode) {
            List<String> notes = new ArrayList<>();
            object((ObjectNode) event, "", 1, notes);
            if (!notes.isEmpty()) {
                JsonNode existing = event.get(FieldLimits.BOUNDED);
                ArrayNode bounded = existing instanceof ArrayNode ? (ArrayNode) existing : ((ObjectNode) event).putArray(FieldLimits.BOUNDED);
                for (String note : notes) {
                    if (bounded.size() < FieldLimits.ofItems(FieldLimits.BOUNDED).max()) {
                        bounded.add(note);
                    }
                }
            }
        }
        return event;
    }

    private static void object(ObjectNode node, String path, int depth, List<String> notes) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<String> tooLongNames = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().length() > FieldLimits.NAME) {
                tooLongNames.add(field.getKey());
                continue;
            }
            String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode bounded = value(field.getValue(), childPath, depth, notes);
            if (bounded != field.getValue()) {
                field.setValue(bounded);
            }
        }
        for (String name : tooLongNames) {
            node.remove(name);
            notes.add(Bounded.text(path.isEmpty() ? "a field" : path, FieldLimits.NAME)
                + ": dropped a field whose name has " + name.length() + " characters");
        }
    }

    private static JsonNode value(JsonNode value, String path, int depth, List<String> notes) {
        if (value.isTextual()) {
            String text = value.textValue();
            String bounded = bound(text, FieldLimits.ofText(path));
            return bounded.equals(text) ? value : TextNode.valueOf(bounded);
        }
        if (value.isContainerNode() && depth >= MAX_DEPTH) {
            notes.add(Bounded.text(path, FieldLimits.DEFAULT_TEXT) + ": nested deeper than " + MAX_DEPTH + " levels, dropped");
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (value.isObject()) {
            object((ObjectNode) value, path, depth + 1, notes);
        } else if (value.isArray()) {
            ArrayNode array = (ArrayNode) value;
            int max = FieldLimits.ofItems(path).max();
            int size = array.size();
            if (size > max) {
                for (int i = size - 1; i >= max; i--) {
                    array.remove(i);
                }
                notes.add(Bounded.text(path, FieldLimits.DEFAULT_TEXT) + ": kept " + max + " of " + size);
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                JsonNode bounded = value(item, path + "[]", depth, notes);
                if (bounded != item) {
                    array.set(i, bounded);
                }
            }
        }
        return value;
    }

    /** A string bounded by its rule; a NUL (which PostgreSQL cannot store in text) becomes {@value #NUL_REPLACEMENT}. */
    public static String bound(String value, FieldLimits.Rule rule) {
        String text = value != null && value.indexOf('\u0000') >= 0 ? value.replace('\u0000', NUL_REPLACEMENT) : value;
        switch (rule.kind()) {
            case MESSAGE_ID:
                return MessageIds.fieldForm(text);
            case IDENTIFIER:
                return Bounded.identifier(text, rule.max());
            default:
                return Bounded.text(text, rule.max());
        }
    }

    /** What a NUL character in any string becomes: U+FFFD, the replacement character. */
    public static final char NUL_REPLACEMENT = '\uFFFD';
}
