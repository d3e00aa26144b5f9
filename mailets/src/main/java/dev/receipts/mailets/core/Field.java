package dev.receipts.mailets.core;

import java.util.Objects;

/**
 * One {@code name: value} field of an RFC 822-style field block, unfolded, name as written.
 */
public final class Field {
    private final String name;
    private final String value;

    public Field(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
