package dev.receipts.mailets.core;

import java.util.List;

/**
 * A parsed report: its report type, the raw machine-readable part, what could not be read, and the
 * DSN or MDN fields (at most one of them is set; both are null when the machine-readable part is
 * missing or unreadable, and for auto-replies and feedback reports).
 *
 * <p>Besides the two {@code multipart/report} types of RFC 3464 and RFC 8098, {@link ReportReader}
 * makes reports of type {@link #NON_STANDARD_BOUNCE} (a bounce in prose, read by
 * {@link BounceHeuristics}: {@link #heuristic()} is true), {@link #AUTO_REPLY} (RFC 3834) and
 * {@link #FEEDBACK_REPORT} (RFC 5965). The last two never carry delivery facts.
 */
public final class Report {
    public static final String DELIVERY_STATUS = "delivery-status";
    public static final String DISPOSITION_NOTIFICATION = "disposition-notification";
    /** A bounce that is not a {@code multipart/report}: its recipients and reasons are read from the prose. */
    public static final String NON_STANDARD_BOUNCE = "non-standard-bounce";
    /** An automatic reply (RFC 3834: vacation, out of office): not a delivery fact. */
    public static final String AUTO_REPLY = "auto-reply";
    /** An abuse or feedback report (RFC 5965, ARF): not a delivery fact. */
    public static final String FEEDBACK_REPORT = "feedback-report";

    private final String reportType;
    private final String machineReadable;
    private final List<String> problems;
    private final DeliveryStatus deliveryStatus;
    private final DispositionNotification dispositionNotification;
    private final boolean heuristic;

    public Report(String reportType, String machineReadable, List<String> problems, DeliveryStatus deliveryStatus,
                  DispositionNotification dispositionNotification) {
        this(reportType, machineReadable, problems, deliveryStatus, dispositionNotification, false);
    }

    public Report(String reportType, String machineReadable, List<String> problems, DeliveryStatus deliveryStatus,
                  DispositionNotification dispositionNotification, boolean heuristic) {
        this.heuristic = heuristic;
        this.reportType = reportType;
        this.machineReadable = machineReadable;
        this.problems = List.copyOf(problems);
        this.deliveryStatus = deliveryStatus;
        this.dispositionNotification = dispositionNotification;
    }

    /**
     * {@code delivery-status}, {@code disposition-notification}, {@code non-standard-bounce},
     * {@code auto-reply} or {@code feedback-report}.
     */
    public String reportType() {
        return reportType;
    }

    /** Raw text of the machine-readable part, at most {@link ReportParser#PART_CAP} bytes; empty if none. */
    public String machineReadable() {
        return machineReadable;
    }

    public List<String> problems() {
        return problems;
    }

    public DeliveryStatus deliveryStatus() {
        return deliveryStatus;
    }

    public DispositionNotification dispositionNotification() {
        return dispositionNotification;
    }

    /** True when the delivery facts were read from prose by heuristics, not from RFC 3464 fields. */
    public boolean heuristic() {
        return heuristic;
    }
}
