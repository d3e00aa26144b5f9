package dev.receipts.mailets.core.pixels;

/** Which mail {@code NeutralizeTrackingPixels} looks at, as the {@code direction} of its {@code PIXELS} events. */
public enum Direction {
    /** Mail for local mailboxes, in the {@code local-delivery} processor. */
    INCOMING("incoming"),
    /** Mail submitted by local users, in the {@code transport} processor. */
    OUTGOING("outgoing");

    private final String parameterValue;

    Direction(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /** As written in the {@code direction} parameter. */
    public String parameterValue() {
        return parameterValue;
    }
}
