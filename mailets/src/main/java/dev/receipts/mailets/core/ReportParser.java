package dev.receipts.mailets.core;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimePartDataSource;
import javax.mail.internet.MimeUtility;
import javax.mail.internet.ParseException;

/**
 * Recognises and parses delivery status notifications (RFC 3464, RFC 6533) and message
 * disposition notifications (RFC 8098): a {@code multipart/report} whose {@code report-type} is
 * {@code delivery-status} or {@code disposition-notification}.
 *
 * <p>Only the machine-readable part and the header section of the returned message are read, each
 * capped at {@link #PART_CAP} bytes; the human-readable prose is ignored. A DSN whose MIME structure
 * is broken has its delivery-status fields read from the body text instead, and says so. Parsing is
 * total: what cannot be read becomes a problem note in the {@link Report}, never an exception.
 */
public final class ReportParser {
    /** The most bytes read from a machine-readable part or returned header section. */
    public static final int PART_CAP = 64 * 1024;

    private static final Set<String> DELIVERY_STATUS_TYPES = Set.of("message/delivery-status", "message/global-delivery-status");
    private static final Set<String> DISPOSITION_TYPES = Set.of("message/disposition-notification", "message/global-disposition-notification");
    private static final Pattern REPORTING_MTA_LINE = Pattern.compile("(?i)Reporting-MTA[ \\t]*:");
    private static final Set<String> RETURNED_CONTENT_TYPES = Set.of("message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers");

    private ReportParser() {
    }

    /**
     * The report type of a message with this Content-Type, lower case, if it is a DSN or MDN
     * {@code multipart/report}. Looks at the header value only: cheap enough for every mail.
     */
    public static Optional<String> reportType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        try {
            ContentType type = new ContentType(contentType);
            if (!type.match("multipart/report")) {
                return Optional.empty();
            }
            String reportType = type.getParameter("report-type");
            if (reportType == null) {
                return Optional.empty();
            }
            String normalized = reportType.trim().toLowerCase(Locale.ROOT);
            if (normalized.equals(Report.DELIVERY_STATUS) || normalized.equals(Report.DISPOSITION_NOTIFICATION)) {
                return Optional.of(normalized);
            }
            return Optional.empty();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses a message already known to be a report of {@code reportType}. */
    public static Report parse(MimeMessage message, String reportType) {
        List<String> problems = new ArrayList<>();
        MimeMultipart multipart;
        int count;
        try {
            multipart = new MimeMultipart(new MimePartDataSource(message));
            count = multipart.getCount();
        } catch (MessagingException | RuntimeException e) {
            problems.add("multipart/report unreadable: " + describe(e));
            return deliveryStatusFromBodyText(message, reportType, problems);
        }
        int machineReadableIndex = -1;
        String machineReadableType = null;
        for (int i = 0; i < count && machineReadableIndex < 0; i++) {
            String type = baseType(part(multipart, i, problems));
            if (DELIVERY_STATUS_TYPES.contains(type) || DISPOSITION_TYPES.contains(type)) {
                machineReadableIndex = i;
                machineReadableType = type;
            }
        }
        if (machineReadableIndex < 0) {
            problems.add("no machine-readable part (message/delivery-status or message/disposition-notification) among "
                + count + " part(s)");
            return deliveryStatusFromBodyText(message, reportType, problems);
        }
        String machineReadable = readText(part(multipart, machineReadableIndex, problems), "machine-readable part", problems);
        boolean isDeliveryStatus = DELIVERY_STATUS_TYPES.contains(machineReadableType);
        String expectedReportType = isDeliveryStatus ? Report.DELIVERY_STATUS : Report.DISPOSITION_NOTIFICATION;
        if (!expectedReportType.equals(reportType)) {
            problems.add("report-type is " + reportType + " but the machine-readable part is " + machineReadableType);
        }
        String returnedMessageId = returnedMessageId(multipart, count, machineReadableIndex, problems);
        if (isDeliveryStatus) {
            return new Report(reportType, machineReadable, problems, DeliveryStatus.parse(machineReadable, returnedMessageId, problems), null);
        }
        return new Report(reportType, machineReadable, problems, null,
            DispositionNotification.parse(machineReadable, problems).withReturnedMessageId(returnedMessageId));
    }

    /**
     * The delivery-status fields of a DSN whose MIME structure does not show them: a boundary that
     * is missing, misspelt or indented. Such DSNs still carry the RFC 3464 fields as lines of the
     * body; they are read from the first line starting with {@code Reporting-MTA:} to the next
     * line starting with {@code --}, and kept only if they name a recipient. The report says so in
     * its problems. An MDN, or a body without such fields, gives a report without content.
     */
    private static Report deliveryStatusFromBodyText(MimeMessage message, String reportType, List<String> problems) {
        if (!Report.DELIVERY_STATUS.equals(reportType)) {
            return new Report(reportType, "", problems, null, null);
        }
        String body;
        try (InputStream in = message.getRawInputStream()) {
            body = TextDecoding.readCapped(in, PART_CAP).text();
        } catch (Exception e) {
            return new Report(reportType, "", problems, null, null);
        }
        String[] lines = body.split("\r\n|\r|\n", -1);
        int start = -1;
        for (int i = 0; i < lines.length && start < 0; i++) {
            if (REPORTING_MTA_LINE.matcher(lines[i]).lookingAt()) {
                start = i;
            }
        }
        if (start < 0) {
            return new Report(reportType, "", problems, null, null);
        }
        StringBuilder fields = new StringBuilder();
        for (int i = start; i < lines.length && !lines[i].trim().startsWith("--"); i++) {
            fields.append(lines[i]).append("\r\n");
        }
        List<String> fieldProblems = new ArrayList<>();
        DeliveryStatus status = DeliveryStatus.parse(fields.toString(), null, fieldProblems);
        if (status.recipients().isEmpty()) {
            return new Report(reportType, "", problems, null, null);
        }
        problems.add("delivery-status fields read from line " + (start + 1) + " of the body text, outside the MIME structure");
        problems.addAll(fieldProblems);
        return new Report(reportType, fields.toString(), problems, status, null);
    }

    private static String returnedMessageId(MimeMultipart multipart, int count, int machineReadableIndex, List<String> problems) {
        for (int i = machineReadableIndex + 1; i < count; i++) {
            BodyPart part = part(multipart, i, problems);
            if (RETURNED_CONTENT_TYPES.contains(baseType(part))) {
                String headers = readText(part, "returned content", new ArrayList<>());
                return FieldBlockParser.parseHeaderSection(headers).first("Message-ID")
                    .map(ReportParser::unfold)
                    .orElse(null);
            }
        }
        return null;
    }

    private static BodyPart part(MimeMultipart multipart, int index, List<String> problems) {
        try {
            return multipart.getBodyPart(index);
        } catch (MessagingException | RuntimeException e) {
            problems.add("part " + (index + 1) + " unreadable: " + describe(e));
            return null;
        }
    }

    private static String baseType(Part part) {
        if (part == null) {
            return "";
        }
        try {
            String contentType = part.getContentType();
            if (contentType == null) {
                return "text/plain";
            }
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    private static String readText(Part part, String what, List<String> problems) {
        if (part == null) {
            return "";
        }
        try (InputStream in = decodedStream(part, what, problems)) {
            TextDecoding.CappedBytes bytes = TextDecoding.readCapped(in, PART_CAP);
            if (bytes.truncated()) {
                problems.add(what + " longer than " + PART_CAP + " bytes, truncated");
            }
            return bytes.text();
        } catch (Exception e) {
            problems.add(what + " unreadable: " + describe(e));
            return "";
        }
    }

    private static InputStream decodedStream(Part part, String what, List<String> problems) throws Exception {
        return MailText.decodedStream(part,
            encoding -> problems.add(what + " has an unknown Content-Transfer-Encoding [" + encoding + "], read as is"));
    }

    static String unfold(String value) {
        return MimeUtility.unfold(value).trim();
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
