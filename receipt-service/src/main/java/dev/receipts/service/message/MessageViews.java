package dev.receipts.service.message;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The API's view of sent messages (the JSON contract other tools depend on). */
public final class MessageViews {
    private MessageViews() {
    }

    /** {@code {"items":[…]}}: the answer to {@code ?messageId=} (0 or 1 message). Lists are keyset pages. */
    public record MessageList(List<MessageView> items) {
    }

    public record MessageView(String messageId, String sender, String envelopeId, Instant submittedAt,
                              List<RecipientView> recipients) {
    }

    public record RecipientView(String address, Requested requested, Delivery delivery, Disposition disposition,
                                List<TimelineView> timeline) {
    }

    public record Requested(boolean mdn, @JsonProperty("notify") List<String> notifyConditions) {
    }

    public record Delivery(String state, String status, String diagnostic, Instant at) {
    }

    public record Disposition(String state, Instant at, String verification) {
    }

    /** One timeline fact; {@code reportId} names the logged report that caused it (absent otherwise). */
    public record TimelineView(Instant at, String kind, String state, String status, String detail,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long reportId) {
    }
}
