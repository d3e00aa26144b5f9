package dev.receipts.mailets.core;

import java.util.List;

/**
 * A parsed {@code multipart/report}: its report type, the raw machine-readable part, what could not
 * be read, and the DSN or MDN fields (at most one of them is set; both are null when the
 * machine-readable part is missing or unreadable).
 */
public final class Report {
    public static final String DELIVERY_STATUS = "delivery-status";
    public static final String DISPOSITION_NOTIFICATION = "disposition-notification";

    private final String reportType;
    private final String machineReadable;
    private final List<String> problems;
    private final DeliveryStatus deliveryStatus;
    private final DispositionNotification dispositionNotification;

    public Report(String reportType, String machineReadable, List<String> problems, DeliveryStatus deliveryStatus,
                  DispositionNotification dispositionNotification) {
        this.reportType = reportType;
        this.machineReadable = machineReadable;
        this.problems = List.copyOf(problems);
        this.deliveryStatus = deliveryStatus;
        this.dispositionNotification = dispositionNotification;
    }

    /** {@code delivery-status} or {@code disposition-notification}. */
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
}
