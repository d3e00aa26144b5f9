package dev.receipts.mailets.core;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/**
 * The few header values the events carry, read leniently: unfolded, trimmed, null when absent.
 */
public final class MessageHeaders {
    private MessageHeaders() {
    }

    /** The first occurrence of a header, unfolded and trimmed, or null (also when there is no message). */
    public static String first(MimeMessage message, String name) throws MessagingException {
        if (message == null) {
            return null;
        }
        String[] values = message.getHeader(name);
        if (values == null || values.length == 0 || values[0] == null) {
            return null;
        }
        return unfold(values[0]);
    }

    /** A header decoded from RFC 2047 encoded words to Unicode; the raw value if it cannot be decoded. */
    public static String decoded(MimeMessage message, String name) throws MessagingException {
        String raw = first(message, name);
        if (raw == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(raw);
        } catch (Exception e) {
            return raw;
        }
    }

    static String unfold(String value) {
        return MimeUtility.unfold(value).trim();
    }
}
