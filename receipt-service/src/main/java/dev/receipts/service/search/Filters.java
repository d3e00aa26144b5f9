package dev.receipts.service.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.receipts.service.common.InvalidRequestException;

/** Reads the search filters of the web API (docs/web-api.md): dates, enumerations, text patterns. */
public final class Filters {
    private Filters() {
    }

    /** A time range: from (inclusive) to (exclusive), either end open (null). */
    public record TimeRange(Instant from, Instant until) {
        public static final TimeRange ALL = new TimeRange(null, null);

        @Override
        public String toString() {
            return (from == null ? "" : from) + ".." + (until == null ? "" : until);
        }
    }

    /**
     * {@code from}/{@code to}: ISO dates (whole UTC days, both inclusive) or instants ({@code to} inclusive).
     */
    public static TimeRange range(String from, String to) {
        Instant start = blank(from) ? null : bound(from, "from", false);
        Instant end = blank(to) ? null : bound(to, "to", true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidRequestException("from must be before to, got [" + from + "] and [" + to + "]");
        }
        return new TimeRange(start, end);
    }

    private static Instant bound(String value, String name, boolean upper) {
        String v = value.trim();
        try {
            LocalDate day = LocalDate.parse(v);
            return (upper ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                Instant instant = Instant.parse(v);
                // Stored times have microseconds: the next microsecond makes an instant bound inclusive.
                return upper ? instant.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS) : instant;
            } catch (DateTimeParseException notAnInstant) {
                throw new InvalidRequestException(name + " must be an ISO date (2026-11-23) or instant "
                    + "(2026-11-23T10:00:00Z), got [" + clip(v) + "]");
            }
        }
    }

    /** An enumeration value, upper-cased; null when absent; 400 naming the allowed values otherwise. */
    public static String oneOf(String value, String name, Set<String> allowed) {
        if (blank(value)) {
            return null;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new InvalidRequestException(name + " must be one of " + new TreeSet<>(allowed) + ", got ["
                + clip(value) + "]");
        }
        return v;
    }

    /** An enumeration value as given, lower-cased (report types). */
    public static String oneOfLower(String value, String name, String... allowed) {
        if (blank(value)) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(v)) {
            throw new InvalidRequestException(name + " must be one of " + Arrays.toString(allowed) + ", got ["
                + clip(value) + "]");
        }
        return v;
    }

    /** A free-text filter, trimmed and lower-cased; null when absent. */
    public static String text(String value, String name) {
        if (blank(value)) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.length() > 512) {
            throw new InvalidRequestException(name + " must be at most 512 characters, got [" + v.length() + "]");
        }
        return v;
    }

    /** A domain filter: lower case, without a leading {@code @}. */
    public static String domain(String value) {
        String v = text(value, "domain");
        return v != null && v.startsWith("@") ? v.substring(1) : v;
    }

    /** A LIKE pattern matching the value anywhere, its own wildcards escaped (with {@code \}). */
    public static String contains(String value) {
        return "%" + escapeLike(value) + "%";
    }

    public static String startsWith(String value) {
        return escapeLike(value) + "%";
    }

    public static String endsWith(String value) {
        return "%" + escapeLike(value);
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String clip(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
