package dev.receipts.service.search;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON of the report log searches and details (docs/web-api.md). */
public final class ReportViews {
    private ReportViews() {
    }

    public record ReportRecipientView(String finalRecipient, String originalRecipient, String action, String status,
                                      String reason, String disposition) {
    }

    /** One report in a search answer. */
    public record ReportItem(Long id, Instant receivedAt, String type, boolean heuristic, String reporter,
                             String originalMessageId, String envelopeId, String correlation, String owner,
                             String verification, List<ReportRecipientView> recipients) {
    }

    /** What the report was correlated to: the sent message's Message-ID and owner (null when not correlated). */
    public record CorrelatedMessage(String messageId, String owner, Instant submittedAt) {
    }

    /**
     * One report with every parsed field as parsed ({@code fields}), its diagnostics per recipient and its
     * correlation.
     */
    public record ReportDetail(Long id, Instant receivedAt, String type, boolean heuristic, String reporter,
                               String sender, String originalMessageId, String envelopeId, String correlation,
                               String owner, String verification, List<ReportRecipientDetail> recipients,
                               CorrelatedMessage message, JsonNode fields) {
    }

    public record ReportRecipientDetail(String finalRecipient, String originalRecipient, String action, String status,
                                        String reason, String disposition, String diagnostic) {
    }
}
