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
import dev.receipts.mailets.core.ReportParser;
import dev.receipts.mailets.core.TypedAddress;

/**
 * Runs the mailets' {@link ReportParser} over one raw message the way {@code CollectReports} does
 * in James: the report type from the top-level Content-Type, then the machine-readable part.
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
            Optional<String> reportType = ReportParser.reportType(contentType);
            if (reportType.isEmpty()) {
                String otherType = otherReportType(contentType);
                Classification classification = otherType == null ? Classification.NOT_A_REPORT : Classification.OTHER_REPORT;
                return new CheckedMessage(file, family, classification, otherType, List.of(), List.of());
            }
            Report report = ReportParser.parse(message, reportType.get());
            if (Report.DELIVERY_STATUS.equals(reportType.get())) {
                return new CheckedMessage(file, family, Classification.DSN, reportType.get(),
                    dsnRecipients(report.deliveryStatus()), report.problems());
            }
            return new CheckedMessage(file, family, Classification.MDN, reportType.get(),
                mdnRecipients(report.dispositionNotification()), report.problems());
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
                recipient.diagnosticCode()));
        }
        return found;
    }

    private static List<FoundRecipient> mdnRecipients(DispositionNotification notification) {
        if (notification == null) {
            return List.of();
        }
        TypedAddress address = notification.finalRecipient();
        return List.of(new FoundRecipient(address == null ? null : address.address(), notification.dispositionType(), null,
            notification.disposition()));
    }
}
