package dev.receipts.mailets.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;

/**
 * Tells what kind of report a message is, and reads it: the one entry point that
 * {@code CollectReports} in James and {@code ./receipts parse-check} share.
 *
 * <ol>
 * <li>a {@code multipart/report} DSN or MDN: {@link ReportParser}, from the machine-readable part;</li>
 * <li>a {@code multipart/report; report-type=feedback-report} (RFC 5965): a {@code feedback-report},
 * no delivery facts;</li>
 * <li>an automatic reply (RFC 3834 {@code Auto-Submitted: auto-replied}, {@code X-Autoreply},
 * {@code Precedence: auto_reply}, vacation subjects) not written by a mailer daemon: an
 * {@code auto-reply}, no delivery facts;</li>
 * <li>a bounce in prose ({@link BounceHeuristics}): a {@code non-standard-bounce}, heuristic;</li>
 * <li>anything else: not a report.</li>
 * </ol>
 * Never throws: what cannot be read is a problem note in the report, or not a report.
 */
public final class ReportReader {
    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile("(?i)^\\s*(auto(matic|matische|matisch)?[ -]?(reply|response|"
        + "antwort|answer|antwoord|svar|respuesta|risposta)|out of (the )?office|ooo\\b|away from (the office|my desk)|i am away|"
        + "i'?m away|away until|on (vacation|holiday|leave)|vacation|abwesen|absence|abwesenheit|r[ée]ponse automatique|"
        + "respuesta autom[aá]tica|risposta automatica|automatisch antwoord|autosvar|autoreply|auto-reply|autoresponse)");
    private static final Pattern AUTO_REPLY_PRECEDENCE = Pattern.compile("(?i)auto[_-]?reply");

    private ReportReader() {
    }

    /**
     * Reads {@code message} as a report of any kind, or empty when it is none.
     *
     * @param nullSender the envelope sender is {@code <>} (for mail that was not received by SMTP,
     *                   a {@code Return-Path: <>} header)
     */
    public static Optional<Report> read(MimeMessage message, boolean nullSender) {
        String contentType;
        try {
            contentType = message.getContentType();
        } catch (Exception e) {
            contentType = null;
        }
        Optional<String> reportType = ReportParser.reportType(contentType);
        if (reportType.isPresent()) {
            return Optional.of(ReportParser.parse(message, reportType.get()));
        }
        try {
            if (isFeedbackReport(contentType)) {
                MailText text = MailText.of(message);
                String machineReadable = text.feedbackReport == null ? "" : text.feedbackReport;
                return Optional.of(new Report(Report.FEEDBACK_REPORT, machineReadable, List.of(), null, null));
            }
            boolean fromDaemon = BounceHeuristics.fromDaemon(BounceHeuristics.header(message, "From"));
            boolean failedRecipients = BounceHeuristics.header(message, "X-Failed-Recipients") != null;
            if (isAutoReply(message) && !fromDaemon && !failedRecipients) {
                return Optional.of(new Report(Report.AUTO_REPLY, "", List.of(), null, null));
            }
            if (BounceHeuristics.looksLikeBounce(message, nullSender)) {
                List<String> problems = new ArrayList<>();
                DeliveryStatus status = BounceHeuristics.read(message, nullSender, problems);
                if (status != null) {
                    problems.add(0, "not a multipart/report: recipients and reasons read from the prose (heuristic)");
                    return Optional.of(new Report(Report.NON_STANDARD_BOUNCE, "", problems, status, null, true));
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** True for a {@code Return-Path: <>} header: the null sender, for mail read from a file. */
    public static boolean hasNullReturnPath(MimeMessage message) {
        String returnPath = BounceHeuristics.header(message, "Return-Path");
        return returnPath != null && returnPath.replaceAll("[\\s<>]", "").isEmpty();
    }

    static boolean isFeedbackReport(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            ContentType type = new ContentType(contentType);
            String reportType = type.getParameter("report-type");
            return type.match("multipart/report") && reportType != null
                && reportType.trim().toLowerCase(Locale.ROOT).equals(Report.FEEDBACK_REPORT);
        } catch (Exception e) {
            return false;
        }
    }

    /** An RFC 3834 automatic reply, by its headers or, failing those, its subject. */
    static boolean isAutoReply(MimeMessage message) {
        String autoSubmitted = BounceHeuristics.header(message, "Auto-Submitted");
        if (autoSubmitted != null && autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("auto-replied")) {
            return true;
        }
        for (String name : List.of("X-Autoreply", "X-Autorespond", "X-AutoReply-From", "X-Mail-Autoreply", "X-Vacation")) {
            if (BounceHeuristics.header(message, name) != null) {
                return true;
            }
        }
        String precedence = BounceHeuristics.header(message, "Precedence");
        if (precedence != null && AUTO_REPLY_PRECEDENCE.matcher(precedence).find()) {
            return true;
        }
        String subject = BounceHeuristics.decoded(BounceHeuristics.header(message, "Subject"));
        return subject != null && AUTO_REPLY_SUBJECT.matcher(subject).find();
    }
}
