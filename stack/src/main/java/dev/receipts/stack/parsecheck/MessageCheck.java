package dev.receipts.stack.parsecheck;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;

import dev.receipts.mailets.core.DeliveryStatus;
import dev.receipts.mailets.core.DispositionNotification;
import dev.receipts.mailets.core.RecipientStatus;
import dev.receipts.mailets.core.Report;
import dev.receipts.mailets.core.ReportReader;
import dev.receipts.mailets.core.TypedAddress;

/**
 * Runs the mailets' {@link ReportReader} over one raw message, as {@code CollectReports} does in
 * James: a DSN or MDN from its machine-readable part, a feedback report, an auto-reply, or a
 * non-standard bounce read by the heuristics. The null sender is read from {@code Return-Path: <>}.
 * Never throws: a message that cannot be read is {@link Classification#UNREADABLE}.
 */
public final class MessageCheck {
    private static final Session SESSION = Session.getInstance(new Properties());

    private MessageCheck() {
    }

    /** Classifies and parses {@code raw}, whose line endings may be LF, CR or CRLF. */
    public static CheckedMessage check(String file, byte[] raw) {
        String family = Family.of(file);
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(crlf(raw)));
            String contentType = message.getContentType();
            Optional<Report> read = ReportReader.read(message, ReportReader.hasNullReturnPath(message));
            if (read.isEmpty()) {
                String otherType = otherReportType(contentType);
                Classification classification = otherType == null ? Classification.NOT_A_REPORT : Classification.OTHER_REPORT;
                return new CheckedMessage(file, family, classification, otherType, List.of(), List.of());
            }
            Report report = read.get();
            switch (report.reportType()) {
                case Report.DELIVERY_STATUS:
                    return new CheckedMessage(file, family, Classification.DSN, report.reportType(),
                        dsnRecipients(report.deliveryStatus()), report.problems());
                case Report.NON_STANDARD_BOUNCE:
                    return new CheckedMessage(file, family, Classification.NON_STANDARD_BOUNCE, report.reportType(),
                        dsnRecipients(report.deliveryStatus()), report.problems());
                case Report.DISPOSITION_NOTIFICATION:
                    return new CheckedMessage(file, family, Classification.MDN, report.reportType(),
                        mdnRecipients(report.dispositionNotification()), report.problems());
                case Report.AUTO_REPLY:
                    return new CheckedMessage(file, family, Classification.AUTO_REPLY, report.reportType(), List.of(), report.problems());
                default:
                    return new CheckedMessage(file, family, Classification.OTHER_REPORT, report.reportType(), List.of(), report.problems());
            }
        } catch (Exception | StackOverflowError e) {
            return new CheckedMessage(file, family, Classification.UNREADABLE, null, List.of(),
                List.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
    }

    /**
     * The bytes with every line ending made CRLF, as SMTP delivers them to James (which drops a
     * DATA section with bare CR or LF).
     */
    static byte[] crlf(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 32);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static String otherReportType(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            ContentType type = new ContentType(contentType);
            if (!type.match("multipart/report")) {
                return null;
            }
            String reportType = type.getParameter("report-type");
            return reportType == null ? "" : reportType.trim().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            return null;
        }
    }

    private static List<FoundRecipient> dsnRecipients(DeliveryStatus status) {
        List<FoundRecipient> found = new ArrayList<>();
        if (status == null) {
            return found;
        }
        for (RecipientStatus recipient : status.recipients()) {
            TypedAddress address = recipient.finalRecipient() != null ? recipient.finalRecipient() : recipient.originalRecipient();
            found.add(new FoundRecipient(address == null ? null : address.address(), recipient.action(), recipient.status(),
                recipient.diagnosticCode(), recipient.reason() == null ? null : recipient.reason().word()));
        }
        return found;
    }

    private static List<FoundRecipient> mdnRecipients(DispositionNotification notification) {
        if (notification == null) {
            return List.of();
        }
        TypedAddress address = notification.finalRecipient();
        return List.of(new FoundRecipient(address == null ? null : address.address(), notification.dispositionType(), null,
            notification.disposition(), null));
    }
}
