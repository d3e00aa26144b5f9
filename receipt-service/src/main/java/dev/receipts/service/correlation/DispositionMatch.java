package dev.receipts.service.correlation;

/**
 * How a read receipt (MDN) was matched to the message it is about, strongest first. Only
 * {@code ORIGINAL_MESSAGE_ID} is the RFC 8098 way; the others are the fallbacks for clients (Outlook, Samsung) that
 * omit {@code Original-Message-ID}, and are weaker: the report's own headers name the message.
 */
public enum DispositionMatch {
    ORIGINAL_MESSAGE_ID("Original-Message-ID"),
    IN_REPLY_TO("In-Reply-To"),
    REFERENCES("References"),
    RETURNED_HEADERS("the returned headers' Message-ID");

    private final String field;

    DispositionMatch(String field) {
        this.field = field;
    }

    /** The header the match was made by, as a reader of the RFCs names it. */
    public String field() {
        return field;
    }
}
