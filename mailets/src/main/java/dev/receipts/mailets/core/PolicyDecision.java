package dev.receipts.mailets.core;

import java.util.Objects;

/**
 * The effective receipt policy for one MDN: the choice that applies, which rule it came from, and
 * the snapshot version it was read from (null before any snapshot was loaded).
 */
public final class PolicyDecision {
    /** Where the effective choice came from. */
    public enum Source {
        /** The organisation's rule for the audience is {@code NEVER}. */
        ORGANISATION,
        /** The employee's own choice for the audience. */
        EMPLOYEE,
        /** The employee never chose: {@code ASK}. */
        DEFAULT
    }

    /** What the server does with the MDN, as the {@code decision} of an {@code MDN_DECISION} event. */
    public enum Outcome {
        SENT,
        STOPPED,
        LEFT_TO_CLIENT
    }

    private final Source source;
    private final ReceiptChoice choice;
    private final String version;

    public PolicyDecision(Source source, ReceiptChoice choice, String version) {
        this.source = Objects.requireNonNull(source, "source");
        this.choice = Objects.requireNonNull(choice, "choice");
        this.version = version;
    }

    public Source source() {
        return source;
    }

    public ReceiptChoice choice() {
        return choice;
    }

    /** The snapshot version, or null when the defaults applied because no snapshot was ever loaded. */
    public String version() {
        return version;
    }

    /** {@code NEVER} stops the MDN; {@code ALWAYS} sends it; {@code ASK} leaves it to the client. */
    public Outcome outcome() {
        switch (choice) {
            case NEVER:
                return Outcome.STOPPED;
            case ALWAYS:
                return Outcome.SENT;
            default:
                return Outcome.LEFT_TO_CLIENT;
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PolicyDecision)) {
            return false;
        }
        PolicyDecision that = (PolicyDecision) other;
        return source == that.source && choice == that.choice && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, choice, version);
    }

    @Override
    public String toString() {
        return "PolicyDecision[source=" + source + ", choice=" + choice + ", version=" + version + "]";
    }
}
