package dev.receipts.mailets.core.pixels;

/** What {@code NeutralizeTrackingPixels} does with the tracking pixels it finds. */
public enum Mode {
    /** Replace each pixel's {@code src} with an inline transparent GIF, and count them in a header. */
    NEUTRALIZE("neutralize", "neutralized"),
    /** Only count them in a header; the message is otherwise unchanged. */
    FLAG("flag", "found");

    private final String parameterValue;
    private final String verb;

    Mode(String parameterValue, String verb) {
        this.parameterValue = parameterValue;
        this.verb = verb;
    }

    /** As written in the {@code mode} parameter. */
    public String parameterValue() {
        return parameterValue;
    }

    /** The word after the count in the header: {@code 2 neutralized}, {@code 2 found}. */
    public String verb() {
        return verb;
    }
}
