package dev.receipts.stack.parsecheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a corpus's {@code expected.json}: an array of objects, each naming its {@code file} (relative
 * to the JSON file's directory) with {@code extracted_mechanically.dsn_recipients} and
 * {@code sisimai_expected.recipients}. Unknown members are ignored; missing ones mean no expectation.
 */
public final class Expectations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Expectations() {
    }

    /** The expectations of {@code expectedJson}, by the absolute, normalised path of each sample. */
    public static Map<Path, Expectation> load(Path expectedJson) throws IOException {
        Path base = expectedJson.toAbsolutePath().normalize().getParent();
        Map<Path, Expectation> expectations = new HashMap<>();
        JsonNode root = JSON.readTree(expectedJson.toFile());
        if (!root.isArray()) {
            throw new IOException(expectedJson + " is not a JSON array");
        }
        for (JsonNode entry : root) {
            String file = entry.path("file").asText(null);
            if (file != null) {
                expectations.put(base.resolve(file).normalize(), parse(entry));
            }
        }
        return expectations;
    }

    static Expectation parse(JsonNode entry) {
        List<Expectation.ExtractedRecipient> extracted = new ArrayList<>();
        for (JsonNode recipient : entry.path("extracted_mechanically").path("dsn_recipients")) {
            String address = text(recipient, "final-recipient");
            extracted.add(new Expectation.ExtractedRecipient(address != null ? address : text(recipient, "original-recipient"),
                text(recipient, "action"), text(recipient, "status")));
        }
        JsonNode sisimai = entry.path("sisimai_expected");
        Map<Integer, Expectation.SisimaiRecipient> byIndex = new TreeMap<>();
        sisimai.path("recipients").fields().forEachRemaining(field -> {
            JsonNode recipient = field.getValue();
            byIndex.put(index(field.getKey()), new Expectation.SisimaiRecipient(text(recipient, "status"),
                text(recipient, "reason"), recipient.path("hardbounce").asBoolean(false)));
        });
        return new Expectation(text(sisimai, "sisimai_engine"), extracted, new ArrayList<>(byIndex.values()));
    }

    private static int index(String key) {
        try {
            return Integer.parseInt(key.trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
