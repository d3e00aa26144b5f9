package dev.receipts.service.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import dev.receipts.service.common.InvalidRequestException;

/**
 * Keyset paging on (time, id), newest first: a page ends with a cursor naming its last row, and the next page
 * starts strictly after it. Unlike offsets, a deep page costs what the first one does, and rows arriving meanwhile
 * neither repeat nor vanish.
 */
public final class Keyset {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    private Keyset() {
    }

    /** The position after which a page starts: a row's time and id. */
    public record Cursor(Instant at, long id) {
        /** Opaque to clients: base64url of {@code <instant>|<id>}. */
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** The cursor of {@code after=}, or null when absent. */
        public static Cursor decode(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(value.trim()), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                return new Cursor(Instant.parse(text.substring(0, bar)), Long.parseLong(text.substring(bar + 1)));
            } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
                throw new InvalidRequestException("after must be the 'next' cursor of a previous page, got ["
                    + Filters.clip(value) + "]");
            }
        }
    }

    /** {@code {"items":[…],"next":"<cursor>"|null}}. */
    public record Page<T>(List<T> items, String next) {
    }

    /** The page size asked for: {@value #DEFAULT_SIZE} when absent, else 1…{@value #MAX_SIZE}. */
    public static int size(Integer size) {
        if (size == null) {
            return DEFAULT_SIZE;
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException("size must be between 1 and " + MAX_SIZE + ", got [" + size + "]");
        }
        return size;
    }

    /**
     * A page from rows fetched with one extra row ({@code size + 1}): the extra row only tells that another page
     * exists; the cursor names the last row shown.
     */
    public static <R, T> Page<T> page(List<R> rows, int size, Function<R, Cursor> cursorOf,
                                      Function<List<R>, List<T>> views) {
        boolean more = rows.size() > size;
        List<R> shown = more ? rows.subList(0, size) : rows;
        String next = more ? cursorOf.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(views.apply(shown), next);
    }
}
