package dev.receipts.service.compliance;

import java.time.Instant;
import java.util.List;

/** The JSON of the compliance and audit API. */
public final class ComplianceViews {
    private ComplianceViews() {
    }

    /** {@code POST /api/v1/compliance/reveal}. */
    public record RevealRequest(String pseudonym, String justification) {
    }

    public record Revealed(String pseudonym, String address) {
    }

    public record PixelTotals(long messages, long pixels) {
    }

    /** Pixels found in one direction in mail from one sender domain. */
    public record PixelRow(String senderDomain, String direction, long messages, long pixels) {
    }

    public record PixelSummary(int days, Instant since, PixelTotals totals, List<PixelRow> rows) {
    }

    public record AuditItem(Long id, Instant at, String actor, String action, String target, String justification,
                            String detail) {
    }

    public record AuditPage(List<AuditItem> items, int page, int size) {
    }
}
