package dev.receipts.service.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces addresses inside stored text: timeline details and the ledger's comma-separated counterparts. */
final class AddressRewriting {
    private AddressRewriting() {
    }

    /** The text with every occurrence of the address, in any case, replaced by the replacement; null for null. */
    static String replace(String text, String address, String replacement) {
        if (text == null || address == null || address.isEmpty()) {
            return text;
        }
        return Pattern.compile(Pattern.quote(address), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
            .matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /**
     * A comma-separated address list with each address passed through the mapper (given it trimmed and
     * lower-cased); the list itself when the mapper changed nothing. Null for null.
     */
    static String mapList(String list, UnaryOperator<String> mapper) {
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (String part : list.split(",", -1)) {
            String address = part.trim();
            if (address.isEmpty()) {
                out.add(address);
                continue;
            }
            String lower = address.toLowerCase(Locale.ROOT);
            String mapped = mapper.apply(lower);
            if (mapped.equals(lower)) {
                out.add(address);
            } else {
                out.add(mapped);
                changed = true;
            }
        }
        return changed ? String.join(",", out) : list;
    }

    /** Whether a comma-separated address list names the (lower-case) address. */
    static boolean listContains(String list, String address) {
        if (list == null) {
            return false;
        }
        for (String part : list.split(",")) {
            if (part.trim().equalsIgnoreCase(address)) {
                return true;
            }
        }
        return false;
    }

    /** A LIKE pattern matching any text that contains the value, with {@code \} as the escape character. */
    static String containsPattern(String value) {
        return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
