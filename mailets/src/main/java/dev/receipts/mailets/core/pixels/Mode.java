package dev.receipts.mailets.core.pixels;

/** What {@code NeutralizeTrackingPixels} does with the tracking pixels it finds. */
public enum Mode {
    /** Replace each pixel's {@code src} with an inline transparent GIF, and count them in a header. */
    NEUTRALIZE("neutralize", "neutralized", "NEUTRALIZED"),
    /** Only count them in a header; the message is otherwise unchanged. */
    FLAG("flag", "found", "FLAGGED"),
    /** Remove each pixel's {@code <img>} element, and count them in a header. */
    STRIP("strip", "stripped", "STRIPPED");

    private final String parameterValue;
    private final String verb;
    private final String action;

    Mode(String parameterValue, String verb, String action) {
        this.parameterValue = parameterValue;
        this.verb = verb;
        this.action = action;
    }

    /** As written in the {@code mode} parameter. */
    public String parameterValue() {
        return parameterValue;
    }

    /** The word after the count in the header: {@code 2 neutralized}, {@code 2 found}, {@code 2 stripped}. */
    public String verb() {
        return verb;
    }

    /** The {@code action} of a {@code PIXELS} event: {@code NEUTRALIZED}, {@code FLAGGED} or {@code STRIPPED}. */
    public String action() {
        return action;
    }

    /** Whether this mode changes the HTML. */
    public boolean rewrites() {
        return this != FLAG;
    }
}
