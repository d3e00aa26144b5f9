package dev.receipts.mailets.core;

import java.util.List;
import java.util.Optional;

/**
 * A group of fields not separated by a blank line: the per-message or one per-recipient part of a
 * DSN, the body of an MDN, or a header block. Field names compare case-insensitively.
 */
public final class FieldBlock {
    private final List<Field> fields;

    public FieldBlock(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    /** The value of the first field with this name, if any. */
    public Optional<String> first(String name) {
        return fields.stream().filter(field -> field.hasName(name)).map(Field::value).findFirst();
    }

    public boolean has(String name) {
        return fields.stream().anyMatch(field -> field.hasName(name));
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
