package dev.receipts.mailets.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/**
 * Reads non-standard bounces: delivery failure notices that are not a {@code multipart/report}, as
 * qmail, Exim, old Sendmail, Exchange, Domino, Gmail, Yahoo, OpenSMTPD and many services still write
 * them. Best effort, and always heuristic: the failed recipients and the reason text are taken from
 * the prose, the reason is classified with {@link BounceReason}.
 *
 * <p>In order, the recipients come from: delivery-status fields anywhere in the message (a
 * {@code message/delivery-status} part inside {@code multipart/mixed}, or {@code Final-Recipient:}
 * lines in the text); the {@code X-Failed-Recipients} header; lines of the prose that start with an
 * address ({@code <bob@example.net>:}, {@code bob@example.net... User unknown}, an indented address
 * alone); phrases such as "delivering your mail to &lt;bob@example.net&gt;" or "RCPT TO:bob@example.net".
 * Addresses of the bounce's own header fields (its author and its addressee) are never recipients.
 * The prose ends where the returned message begins.
 */
public final class BounceHeuristics {
    static final String ADDRESS = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}";
    private static final Pattern ANY_ADDRESS = Pattern.compile(ADDRESS);
    private static final Pattern DAEMON_LOCAL_PART = Pattern.compile(
        "(?i)^(mailer-?daemon|mail-?daemon|postmaster|mdaemon|mail\\.?delivery\\.?system|nobody|bounces?|"
            + "mail-?delivery|returned-?mail|smtp-?gateway|mailadmin|mail-?admin|auto-?notify|noreply-?dsn|daemon)$");
    private static final Pattern DAEMON_NAME = Pattern.compile(
        "(?i)mail delivery (subsystem|system|service)|mailer[- ]daemon|postmaster|mail administrator|delivery status|"
            + "mail system|system administrator|returned mail|mail delivery|postfix|internet mail");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|undelivered|returned mail|return(ed)? to sender|"
        + "delivery (status notification|failure|failed|has failed|problem|notification)|failure notice|failed delivery|failure delivery|"
        + "mail delivery failed|could not be delivered|non[- ]?delivery|nondeliverable|delivery report|mail system error|"
        + "delivery status|message not delivered|not delivered|delivery failure|delayed mail|warning: message .* delayed|"
        + "mail could not|error sending|there was an error|returned mail|bounce|rejected|delivery incomplete|"
        + "unzustellbar|non remis|no entregado|non recapitato|niet bezorgd|onbestelbaar|error en la entrega|"
        + "mail delivery|notification d'état|\\bdsn\\b");
    private static final Pattern BODY_SIGNATURE = Pattern.compile("(?i)could not be delivered|wasn'?t able to deliver|"
        + "was not (able to be )?delivered|delivery (to the following recipients? )?(has )?failed|undeliverable|"
        + "following (address(es)?|recipients?) (failed|could not|returned|was undeliverable)|permanent (fatal )?error|"
        + "error (has occurred while|occurred while) (attempting to deliver|delivering)|unable to deliver|failed permanently|"
        + "error delivering your mail|could not reach|couldn'?t be delivered|rejected your message|delivery to .* failed|"
        + "transcript of session follows|returned to (the )?sender|did not reach|permanently undeliverable|i'?m afraid|"
        + "mail delivery (software|failed)|not delivered to|has not been delivered|delivery has been delayed|still trying");
    private static final Pattern RETURNED_MESSAGE_MARKER = Pattern.compile("(?i)^\\s*(?:[-=_*]{2,}.*\\b(?:original|returned|copy of|"
        + "below this line|headers? of|rejected message|message text|undelivered message|unsent message|message follows|"
        + "this is a copy)|(?:original message follows|returned message follows|message headers? follows?|"
        + "the original message headers? (are|is|follows?)|below (is|are) the original|here is a copy of))");
    private static final Pattern INLINE_HEADER = Pattern.compile("(?i)^(Return-Path|Received|DKIM-Signature|X-Received|ARC-Seal|"
        + "Authentication-Results):");
    private static final Pattern RECIPIENT_LINE = Pattern.compile("^\\s*(?:[*\\-•>]\\s*)?(?:(?:final-|original-)?recipient(?:\\(s\\))?:?\\s*"
        + "(?:rfc822;\\s*)?|[245]\\d\\d[ -:]\\s*)?[<\"(\\[]?(" + ADDRESS + ")[>\")\\]]?(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LABELLED_ADDRESS = Pattern.compile("(?im)^\\s*([A-Za-z][A-Za-z '-]{2,40})\\s*:\\s*[<\"\\[(]?("
        + ADDRESS + ")[>\")\\]]?\\s*$");
    private static final Pattern RECIPIENT_PHRASE = Pattern.compile("(?i)(?:deliver\\w*(?: (?:your |the |this )?(?:mail|message|e-?mail))? to|"
        + "recipients?(?:\\(s\\))?(?: returned permanent errors)?|rcpt to|failed recipient|addressed to|sent to|"
        + "for the following (?:address(?:es)?|recipients?)|could not be delivered to|were not delivered to|failed for|"
        + "the following (?:address(?:es)?|recipients?)[^:\\n]*)\\s*[:]?\\s*[<\"\\[(]?(" + ADDRESS + ")");
    private static final Pattern NOT_A_RECIPIENT_CONTEXT = Pattern.compile("(?i)mail from|envelope-from|envelope-sender|\\bfrom:|"
        + "sender|generated by|reply-to|errors-to|contact|postmaster of|please|send (an )?e-?mail to|webmaster");
    private static final Pattern DELAYED_WORDS = Pattern.compile("(?i)\\bdelay(ed)?\\b|\\bwarning\\b|still (being )?(re)?tr(y|ied|ying)|"
        + "will (continue to |be )?(re)?tr(y|ied)|not yet been delivered|has not yet been|temporarily deferred");
    private static final Pattern GAVE_UP_WORDS = Pattern.compile("(?i)permanent|given up|giving up|gave up|failed permanently|"
        + "not going to try again|could not be delivered|undeliverable|returned|rejected");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");
    private static final int MAX_REASON_LINES = 8;
    private static final int MAX_REASON_CHARS = 1000;
    private static final int MAX_RECIPIENTS = 100;

    private BounceHeuristics() {
    }

    /**
     * True when the headers alone make a bounce likely: the author is a mailer daemon or postmaster,
     * the subject reads like a delivery failure, or there is an {@code X-Failed-Recipients} header.
     * Cheap enough for every mail; a bounce still needs a recipient read from its body.
     */
    public static boolean looksLikeBounce(MimeMessage message, boolean nullSender) {
        String from = header(message, "From");
        String subject = decoded(header(message, "Subject"));
        if (header(message, "X-Failed-Recipients") != null) {
            return true;
        }
        boolean daemon = fromDaemon(from);
        boolean bounceSubject = subject != null && BOUNCE_SUBJECT.matcher(subject).find();
        return daemon || bounceSubject || (nullSender && subject == null);
    }

    /** True when the message's author is a mailer daemon or postmaster. */
    static boolean fromDaemon(String from) {
        if (from == null) {
            return false;
        }
        Matcher address = ANY_ADDRESS.matcher(from);
        if (address.find()) {
            String localPart = address.group().substring(0, address.group().indexOf('@'));
            if (DAEMON_LOCAL_PART.matcher(localPart).matches()) {
                return true;
            }
        }
        String name = from.replaceAll("<[^>]*>", "");
        return DAEMON_NAME.matcher(decoded(name)).find();
    }

    /**
     * Reads a message as a non-standard bounce. Returns null when it yields no failed recipient,
     * so is not read as a bounce. Never throws.
     */
    public static DeliveryStatus read(MimeMessage message, boolean nullSender, List<String> problems) {
        try {
            return readOrThrow(message, nullSender, problems);
        } catch (RuntimeException | StackOverflowError e) {
            problems.add("bounce heuristics failed: " + e.getClass().getSimpleName());
            return null;
        }
    }

    private static DeliveryStatus readOrThrow(MimeMessage message, boolean nullSender, List<String> problems) {
        MailText text = MailText.of(message);
        String subject = decoded(header(message, "Subject"));
        String fullProse = text.prose();
        int returnedAt = returnedMessageStart(fullProse);
        String prose = fullProse.substring(0, returnedAt);
        String returnedMessageId = returnedMessageId(text, fullProse.substring(returnedAt));
        Set<String> ownAddresses = ownAddresses(message);
        boolean failedHeader = header(message, "X-Failed-Recipients") != null;
        boolean strongHeader = failedHeader || nullSender || fromDaemon(header(message, "From"));
        boolean bounceSubject = subject != null && BOUNCE_SUBJECT.matcher(subject).find();
        boolean bodySignature = BODY_SIGNATURE.matcher(prose).find();
        boolean fields = !text.deliveryStatus.isEmpty() || indexOfField(prose, "Final-Recipient") >= 0;
        boolean evidence = strongHeader ? (failedHeader || bounceSubject || bodySignature || fields) : (bounceSubject && (bodySignature || fields));
        if (!evidence) {
            return null;
        }
        boolean delayed = isDelayed(subject, prose);
        String defaultAction = delayed ? "delayed" : "failed";

        List<RecipientStatus> fromFields = fromDeliveryStatusFields(text, prose, problems);
        if (!fromFields.isEmpty()) {
            List<RecipientStatus> reclassified = new ArrayList<>();
            for (RecipientStatus recipient : fromFields) {
                String reasonText = recipient.diagnosticCode();
                if (reasonText == null || reasonText.isBlank()) {
                    reasonText = reasonTextFor(recipient.finalRecipient() == null ? null : recipient.finalRecipient().address(), prose);
                }
                String action = recipient.action() != null ? recipient.action() : defaultAction;
                reclassified.add(new RecipientStatus(recipient.finalRecipient(), recipient.originalRecipient(), action,
                    recipient.status() != null ? recipient.status() : BounceReason.firstEnhancedCode(reasonText), reasonText,
                    recipient.remoteMta(), recipient.lastAttemptDate(), recipient.willRetryUntil(), recipient.finalLogId(),
                    classify(action, recipient.status(), reasonText, prose, subject)));
            }
            return new DeliveryStatus(null, null, null, null, null, returnedMessageId, reclassified);
        }

        Map<String, String> found = new LinkedHashMap<>();
        if (failedHeader) {
            Matcher matcher = ANY_ADDRESS.matcher(header(message, "X-Failed-Recipients"));
            while (matcher.find() && found.size() < MAX_RECIPIENTS) {
                found.putIfAbsent(matcher.group().toLowerCase(Locale.ROOT), matcher.group());
            }
        }
        if (found.isEmpty()) {
            recipientLines(prose, ownAddresses, found);
        }
        if (found.isEmpty()) {
            recipientPhrases(prose, ownAddresses, found);
        }
        if (found.isEmpty()) {
            // A bounce of a message its author sent to himself: only the bounce's author is excluded.
            Set<String> author = new TreeSet<>();
            String from = header(message, "From");
            Matcher matcher = ANY_ADDRESS.matcher(from == null ? "" : from);
            if (matcher.find()) {
                author.add(matcher.group().toLowerCase(Locale.ROOT));
            }
            recipientLines(prose, author, found);
        }
        if (found.isEmpty()) {
            return null;
        }
        List<RecipientStatus> recipients = new ArrayList<>();
        for (String address : found.values()) {
            String reasonText = reasonTextFor(address, prose);
            String status = BounceReason.firstEnhancedCode(reasonText);
            String action = status != null && status.startsWith("2.") ? "delivered" : defaultAction;
            recipients.add(new RecipientStatus(new TypedAddress(TypedAddress.RFC822, address), null, action, status,
                reasonText, null, null, null, null, classify(action, status, reasonText, prose, subject)));
        }
        return new DeliveryStatus(null, null, null, null, null, returnedMessageId, recipients);
    }

    private static BounceReason classify(String action, String status, String reasonText, String prose, String subject) {
        BounceReason reason = BounceReason.classify(action, status, reasonText);
        if (reason == BounceReason.UNDEFINED || reason == BounceReason.DELAYED) {
            BounceReason fromProse = BounceReason.classify(action, status, shorten(prose, 3000));
            if (fromProse != BounceReason.UNDEFINED) {
                return fromProse;
            }
            if (subject != null) {
                BounceReason fromSubject = BounceReason.classify(action, status, subject);
                if (fromSubject != BounceReason.UNDEFINED) {
                    return fromSubject;
                }
            }
        }
        return reason;
    }

    private static boolean isDelayed(String subject, String prose) {
        String head = (subject == null ? "" : subject) + "\n" + shorten(prose, 1500);
        return DELAYED_WORDS.matcher(head).find() && !GAVE_UP_WORDS.matcher(head).find();
    }

    /** Recipients from RFC 3464 fields: a delivery-status part below the top, or field lines in the prose. */
    private static List<RecipientStatus> fromDeliveryStatusFields(MailText text, String prose, List<String> problems) {
        List<String> sources = new ArrayList<>(text.deliveryStatus);
        int start = indexOfField(prose, "Final-Recipient");
        if (start < 0) {
            start = indexOfField(prose, "Original-Recipient");
        }
        if (start >= 0) {
            int blockStart = prose.lastIndexOf("\n\n", start);
            sources.add(prose.substring(blockStart < 0 ? 0 : blockStart));
        }
        for (String source : sources) {
            List<String> ignored = new ArrayList<>();
            DeliveryStatus status = DeliveryStatus.parse(source, null, ignored);
            List<RecipientStatus> named = new ArrayList<>();
            for (RecipientStatus recipient : status.recipients()) {
                if (recipient.finalRecipient() != null && ANY_ADDRESS.matcher(recipient.finalRecipient().address()).find()) {
                    named.add(recipient);
                }
            }
            if (!named.isEmpty()) {
                problems.add("delivery-status fields found outside a multipart/report");
                return named;
            }
        }
        return List.of();
    }

    private static int indexOfField(String prose, String name) {
        Matcher matcher = Pattern.compile("(?im)^" + name + "\\s*:\\s*\\S").matcher(prose);
        return matcher.find() ? matcher.start() : -1;
    }

    private static void recipientLines(String prose, Set<String> ownAddresses, Map<String, String> found) {
        for (String line : prose.split("\n")) {
            Matcher matcher = RECIPIENT_LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            String address = matcher.group(1);
            String rest = matcher.group(2).trim();
            if (!(rest.isEmpty() || rest.startsWith(":") || rest.startsWith("...") || rest.startsWith(",") || rest.startsWith("(")
                || rest.startsWith("[") || rest.startsWith("on ") || rest.startsWith("-") || Character.isLetterOrDigit(rest.charAt(0))
                || rest.startsWith(".") || rest.startsWith("<"))) {
                continue;
            }
            if (NOT_A_RECIPIENT_CONTEXT.matcher(line.substring(0, matcher.start(1))).find()) {
                continue;
            }
            add(address, ownAddresses, found);
        }
    }

    private static void recipientPhrases(String prose, Set<String> ownAddresses, Map<String, String> found) {
        Matcher labelled = LABELLED_ADDRESS.matcher(prose);
        while (labelled.find() && found.size() < MAX_RECIPIENTS) {
            if (!NOT_A_RECIPIENT_CONTEXT.matcher(labelled.group(1)).find() && !labelled.group(1).trim().equalsIgnoreCase("to")
                && !labelled.group(1).trim().equalsIgnoreCase("cc")) {
                add(labelled.group(2), ownAddresses, found);
            }
        }
        if (!found.isEmpty()) {
            return;
        }
        Matcher matcher = RECIPIENT_PHRASE.matcher(prose);
        while (matcher.find() && found.size() < MAX_RECIPIENTS) {
            add(matcher.group(1), ownAddresses, found);
        }
    }

    private static void add(String address, Set<String> ownAddresses, Map<String, String> found) {
        String key = address.toLowerCase(Locale.ROOT);
        if (ownAddresses.contains(key) || found.size() >= MAX_RECIPIENTS) {
            return;
        }
        found.putIfAbsent(key, address);
    }

    /**
     * What the prose says about one address: the rest of the first line naming it, and the lines
     * after it up to a blank line or the next address line; when that says nothing, the next
     * paragraph. Without the address, the lines with an SMTP reply or status code.
     */
    static String reasonTextFor(String address, String prose) {
        String[] lines = prose.split("\n");
        int at = -1;
        if (address != null) {
            String lower = address.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lines.length && at < 0; i++) {
                if (lines[i].toLowerCase(Locale.ROOT).contains(lower)) {
                    at = i;
                }
            }
        }
        if (at < 0) {
            return codeLines(lines);
        }
        StringBuilder reason = new StringBuilder();
        String first = lines[at];
        int index = first.toLowerCase(Locale.ROOT).indexOf(address.toLowerCase(Locale.ROOT));
        String rest = first.substring(index + address.length()).replaceFirst("^[>\")\\]]?\\s*[:,.]*\\s*", "").trim();
        reason.append(rest);
        int i = at + 1;
        int taken = 0;
        boolean seenText = hasWords(rest);
        while (i < lines.length && taken < MAX_REASON_LINES && reason.length() < MAX_REASON_CHARS) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                if (seenText) {
                    break;
                }
                i++;
                continue;
            }
            Matcher next = RECIPIENT_LINE.matcher(lines[i]);
            if (next.matches() && !next.group(1).equalsIgnoreCase(address) && next.group(2).trim().matches("^(:.*|\\.\\.\\..*|)$")) {
                break;
            }
            reason.append(reason.length() == 0 ? "" : " ").append(line);
            seenText |= hasWords(line);
            taken++;
            i++;
        }
        String text = reason.toString().trim();
        if (!hasWords(text) || (BounceReason.firstReplyCode(text) == null && BounceReason.firstEnhancedCode(text) == null)) {
            String codes = codeLines(lines);
            if (!codes.isEmpty() && !text.contains(codes)) {
                text = text.isEmpty() ? codes : text + " " + codes;
            }
        }
        return shorten(text, MAX_REASON_CHARS);
    }

    private static String codeLines(String[] lines) {
        StringBuilder codes = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.matches("^(<<<\\s*)?[45]\\d\\d[ -].*") || trimmed.matches(".*\\b[45]\\.\\d{1,3}\\.\\d{1,3}\\b.*")
                || trimmed.matches("(?i).*(said|answered|replied|responded)\\s*:.*")) {
                codes.append(codes.length() == 0 ? "" : " ").append(trimmed);
                if (codes.length() > MAX_REASON_CHARS) {
                    break;
                }
            }
        }
        return codes.toString();
    }

    private static boolean hasWords(String text) {
        return text != null && text.matches("(?s).*[A-Za-z]{3,}.*");
    }

    /** Where the returned message starts in the prose: a marker line, or an inline header block. */
    static int returnedMessageStart(String prose) {
        int offset = 0;
        boolean previousBlank = true;
        for (String line : prose.split("\n", -1)) {
            if (RETURNED_MESSAGE_MARKER.matcher(line).find() || (previousBlank && INLINE_HEADER.matcher(line).find())) {
                return offset;
            }
            previousBlank = line.isBlank();
            offset += line.length() + 1;
            if (offset > prose.length()) {
                break;
            }
        }
        return prose.length();
    }

    private static String returnedMessageId(MailText text, String afterProse) {
        if (text.returnedHeaders != null) {
            String id = FieldBlockParser.parseHeaderSection(text.returnedHeaders).first("Message-ID").map(ReportParser::unfold).orElse(null);
            if (id != null) {
                return id;
            }
        }
        Matcher matcher = MESSAGE_ID.matcher(afterProse);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The addresses of the bounce's own header fields: never failed recipients. */
    private static Set<String> ownAddresses(MimeMessage message) {
        Set<String> own = new TreeSet<>();
        for (String name : List.of("From", "To", "Cc", "Reply-To", "Sender", "Errors-To", "Return-Path")) {
            String value = header(message, name);
            if (value != null) {
                Matcher matcher = ANY_ADDRESS.matcher(value);
                while (matcher.find()) {
                    own.add(matcher.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        return own;
    }

    static String header(MimeMessage message, String name) {
        try {
            return MessageHeaders.first(message, name);
        } catch (Exception e) {
            return null;
        }
    }

    static String decoded(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(value);
        } catch (Exception e) {
            return value;
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
