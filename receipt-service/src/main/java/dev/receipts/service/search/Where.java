package dev.receipts.service.search;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Query;

/** The where clause of a search, built condition by condition with its named parameters. */
final class Where {
    private final StringBuilder clause = new StringBuilder("1 = 1");
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Adds {@code and (condition)}; {@code nameValuePairs} alternate parameter names and values. */
    Where and(String condition, Object... nameValuePairs) {
        clause.append(" and (").append(condition).append(')');
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            parameters.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return this;
    }

    /** A parameter of a condition written elsewhere (inside a subquery). */
    Where parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    /**
     * Rows strictly after the cursor in (time desc, id desc) order. The redundant {@code time <= :cursorAt} is
     * a range the (time, id) index can seek to; the OR alone makes H2 scan from the newest row.
     */
    Where after(Keyset.Cursor cursor, String time, String id) {
        if (cursor == null) {
            return this;
        }
        return and(time + " <= :cursorAt and (" + time + " < :cursorAt or " + id + " < :cursorId)",
            "cursorAt", cursor.at(), "cursorId", cursor.id());
    }

    String clause() {
        return clause.toString();
    }

    <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
