package dev.receipts.mailets.core;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimePartDataSource;
import javax.mail.internet.MimeUtility;

/**
 * The readable text of a message for the bounce heuristics: its text parts (decoded by transfer
 * encoding and charset, HTML reduced to text), any {@code message/delivery-status} part found
 * anywhere in the tree, and the header section of the returned message. Bounded in depth, parts
 * and bytes; never throws.
 */
final class MailText {
    static final int TEXT_CAP = 128 * 1024;
    private static final int MAX_DEPTH = 6;
    private static final int MAX_PARTS = 60;
    private static final Set<String> IDENTITY_ENCODINGS = Set.of("7bit", "8bit", "binary", "");
    private static final Set<String> RETURNED_TYPES = Set.of("message/rfc822", "message/global", "text/rfc822-headers",
        "message/global-headers", "message/partial");
    private static final Set<String> STATUS_TYPES = Set.of("message/delivery-status", "message/global-delivery-status");

    /** The text parts in order, each already decoded. */
    final List<String> texts = new ArrayList<>();
    /** Text of HTML parts, tags removed; used only when there is no plain text. */
    final List<String> htmlTexts = new ArrayList<>();
    /** The content of delivery-status parts found below the top level. */
    final List<String> deliveryStatus = new ArrayList<>();
    /** The header section of the returned message, or null. */
    String returnedHeaders;
    /** The content of a {@code message/feedback-report} part, or null. */
    String feedbackReport;
    private int parts;
    private int bytes;

    private MailText() {
    }

    static MailText of(Part message) {
        MailText text = new MailText();
        text.walk(message, 0);
        return text;
    }

    /** The plain text, else the HTML's text. */
    String prose() {
        List<String> source = texts.isEmpty() ? htmlTexts : texts;
        return String.join("\n", source);
    }

    private void walk(Part part, int depth) {
        if (depth > MAX_DEPTH || parts++ > MAX_PARTS || bytes > TEXT_CAP) {
            return;
        }
        String type = baseType(part);
        try {
            if (type.startsWith("multipart/")) {
                Multipart multipart = new MimeMultipart(new MimePartDataSource((javax.mail.internet.MimePart) part));
                int count = multipart.getCount();
                for (int i = 0; i < count; i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, depth + 1);
                }
                return;
            }
            if (RETURNED_TYPES.contains(type)) {
                if (returnedHeaders == null) {
                    returnedHeaders = read(part);
                }
                return;
            }
            if (STATUS_TYPES.contains(type)) {
                deliveryStatus.add(read(part));
                return;
            }
            if (type.equals("message/feedback-report")) {
                feedbackReport = read(part);
                return;
            }
            if (isAttachment(part) && !type.startsWith("text/")) {
                return;
            }
            if (type.equals("text/html")) {
                htmlTexts.add(htmlToText(read(part)));
            } else if (type.startsWith("text/") || type.isEmpty()) {
                texts.add(read(part));
            }
        } catch (Exception | StackOverflowError e) {
            // An unreadable part is skipped: the rest of the message may still tell.
        }
    }

    private String read(Part part) {
        try (InputStream in = decodedStream(part)) {
            TextDecoding.CappedBytes capped = TextDecoding.readCapped(in, TEXT_CAP);
            bytes += capped.bytes().length;
            return decode(capped.bytes(), charset(part)).replace("\r\n", "\n").replace('\r', '\n');
        } catch (Exception e) {
            return "";
        }
    }

    static String decode(byte[] raw, String charset) {
        if (charset != null) {
            try {
                Charset named = Charset.forName(MimeUtility.javaCharset(charset));
                String text = new String(raw, named);
                if (text.indexOf('\uFFFD') < 0) {
                    return text;
                }
            } catch (RuntimeException e) {
                // unknown or illegal charset name: guess below
            }
        }
        return TextDecoding.decode(raw);
    }

    private static String charset(Part part) {
        try {
            String contentType = part.getContentType();
            return contentType == null ? null : new ContentType(contentType).getParameter("charset");
        } catch (Exception e) {
            return null;
        }
    }

    /** The content with its transfer encoding undone (javax.mail leaves message/* parts encoded). */
    static InputStream decodedStream(Part part) throws Exception {
        return decodedStream(part, encoding -> { });
    }

    /**
     * The content with its transfer encoding undone, done here because javax.mail ignores
     * Content-Transfer-Encoding on message/* parts and real reports (Exchange) base64-encode them. An
     * unknown encoding is told to {@code unknownEncoding} and the content read as is.
     */
    static InputStream decodedStream(Part part, java.util.function.Consumer<String> unknownEncoding) throws Exception {
        if (!(part instanceof javax.mail.internet.MimePart)) {
            return part.getInputStream();
        }
        javax.mail.internet.MimePart mimePart = (javax.mail.internet.MimePart) part;
        InputStream raw;
        if (part instanceof MimeBodyPart) {
            raw = ((MimeBodyPart) part).getRawInputStream();
        } else if (part instanceof javax.mail.internet.MimeMessage) {
            raw = ((javax.mail.internet.MimeMessage) part).getRawInputStream();
        } else {
            return part.getInputStream();
        }
        String encoding = mimePart.getEncoding();
        if (encoding == null) {
            return raw;
        }
        String normalized = encoding.trim().toLowerCase(Locale.ROOT);
        if (IDENTITY_ENCODINGS.contains(normalized)) {
            return raw;
        }
        try {
            return MimeUtility.decode(raw, normalized);
        } catch (MessagingException e) {
            unknownEncoding.accept(encoding);
            return raw;
        }
    }

    private static boolean isAttachment(Part part) {
        try {
            return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        } catch (Exception e) {
            return false;
        }
    }

    static String baseType(Part part) {
        try {
            String contentType = part.getContentType();
            if (contentType == null) {
                return "text/plain";
            }
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            return "";
        }
    }

    static String htmlToText(String html) {
        String text = html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
            .replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>|</li>|</h\\d>", "\n")
            .replaceAll("(?s)<[^>]*>", "")
            .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
            .replace("&#39;", "'").replace("&amp;", "&");
        return text;
    }
}
