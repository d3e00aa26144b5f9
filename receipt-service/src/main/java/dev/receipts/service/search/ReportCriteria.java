package dev.receipts.service.search;

import java.util.Set;
import java.util.regex.Pattern;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.search.Filters.TimeRange;

/**
 * What a search of the report log asks for; null fields do not filter. The recipient filters
 * ({@code recipient}, {@code domain}, {@code status}) must all hold for one recipient block of the report.
 */
public record ReportCriteria(String sender, String recipient, String domain, TimeRange range, String type,
                             String correlation, String status, String verification) {
    static final String[] TYPES = {"delivery-status", "disposition-notification", "non-standard-bounce",
        "auto-reply", "feedback-report"};
    static final Set<String> CORRELATIONS = Set.of("CORRELATED", "PENDING", "ORPHAN", "FORGED", "NOT_APPLICABLE");
    static final Set<String> VERIFICATIONS = Set.of("NONE", "AUTHENTICATED", "UNVERIFIED");
    /** An enhanced status code (RFC 3463) or a prefix of one: {@code 5}, {@code 5.}, {@code 5.1}, {@code 5.1.1}. */
    private static final Pattern STATUS = Pattern.compile("[245](\\.(\\d{1,3}(\\.(\\d{1,3})?)?)?)?");

    public static ReportCriteria of(String sender, String recipient, String domain, String from, String to,
                                    String type, String correlation, String status, String verification) {
        String code = Filters.text(status, "status");
        if (code != null && !STATUS.matcher(code).matches()) {
            throw new InvalidRequestException("status must be an enhanced status code or a prefix of one (5.1.1, 5.1, 4.),"
                + " got [" + Filters.clip(status) + "]");
        }
        return new ReportCriteria(Filters.text(sender, "sender"), Filters.text(recipient, "recipient"),
            Filters.domain(domain), Filters.range(from, to), Filters.oneOfLower(type, "type", TYPES),
            Filters.oneOf(correlation, "correlation", CORRELATIONS), code,
            Filters.oneOf(verification, "verification", VERIFICATIONS));
    }

    boolean filtersRecipients() {
        return recipient != null || domain != null || status != null;
    }
}
