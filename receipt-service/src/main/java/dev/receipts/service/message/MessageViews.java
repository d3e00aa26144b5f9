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

    /**
     * One recipient; {@code domain} is what the recipient's domain has actually done (null when the address has no
     * domain); {@code flags} holds {@code FORGED_REPORT} when a forged DSN claimed to be about this recipient.
     */
    public record RecipientView(String address, Requested requested, Delivery delivery, Disposition disposition,
                                DomainSummary domain, List<String> flags, List<TimelineView> timeline) {
    }

    /** {@code domain} beside a recipient: DSN support seen, MDNs ever returned, median time to a read receipt. */
    public record DomainSummary(String name, long dsnSeen, long mdnsReturned, String medianTimeToReceipt) {
    }

    /** "No report expected any more", with the reason, beside a state that stays the last real fact. */
    public record Silence(String state, String reason, Instant at) {
    }

    public record Requested(boolean mdn, @JsonProperty("notify") List<String> notifyConditions) {
    }

    /** {@code verification}: how the fact is known; {@code heuristic}: read from a non-standard bounce. */
    public record Delivery(String state, String status, String diagnostic, Instant at, String verification,
                           boolean heuristic, Silence silence) {
    }

    /** {@code match}: how the MDN was matched to the message ({@code DispositionMatch}), null without MDN. */
    public record Disposition(String state, Instant at, String verification, String match, Silence silence) {
    }

    /**
     * One timeline fact; {@code heuristic}: read from a non-standard bounce; {@code reportId} names the logged report
     * that caused it (absent otherwise).
     */
    public record TimelineView(Instant at, String kind, String state, String status, String detail, boolean heuristic,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long reportId) {
    }
}
