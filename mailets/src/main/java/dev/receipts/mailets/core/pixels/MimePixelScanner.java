package dev.receipts.mailets.core.pixels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimePart;
import javax.mail.internet.ParseException;
import javax.mail.util.ByteArrayDataSource;

/**
 * Walks a message's MIME tree and runs {@link HtmlPixelRewriter} on every inline {@code text/html}
 * part, through {@code multipart/alternative}, {@code mixed}, {@code related} and any other
 * {@code multipart/*}. Left alone: {@code multipart/report} (DSNs and MDNs),
 * {@code multipart/signed} and {@code multipart/encrypted} (a change would break the signature),
 * attached messages ({@code message/rfc822}), HTML attachments, and HTML parts larger than the cap.
 *
 * <p>Transfer encodings are undone by javax.mail; the text is decoded with the part's charset, or,
 * when the charset is missing, unknown or does not fit the bytes, as ISO-8859-1, which turns every
 * byte into one character and back, so a rewritten part keeps its bytes apart from the pixels.
 * A rewritten part keeps its Content-Type and a base64 or quoted-printable transfer encoding.
 */
public final class MimePixelScanner {
    private static final int MAX_DEPTH = 20;

    private final TrackingPixelDetector detector;
    private final int maxHtmlBytes;

    public MimePixelScanner(TrackingPixelDetector detector, int maxHtmlBytes) {
        this.detector = detector;
        this.maxHtmlBytes = maxHtmlBytes;
    }

    /** What one pass over a message found. */
    public static final class Scan {
        private final List<TrackingPixelDetector.Finding> findings = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private int htmlParts;
        private int rewrittenParts;

        /** Every pixel found, in document order. */
        public List<TrackingPixelDetector.Finding> findings() {
            return Collections.unmodifiableList(findings);
        }

        /** HTML parts read and searched. */
        public int htmlParts() {
            return htmlParts;
        }

        /** HTML parts not searched, each with the reason, e.g. {@code text/html part of 3145728 bytes, over maxHtmlBytes 2097152}. */
        public List<String> skipped() {
            return Collections.unmodifiableList(skipped);
        }

        /** HTML parts whose content was replaced. */
        public int rewrittenParts() {
            return rewrittenParts;
        }
    }

    /** True for {@code multipart/report}: such a message is left alone entirely. */
    public static boolean isReport(Part message) throws MessagingException {
        return contentType(message).map(type -> type.match("multipart/report")).orElse(false);
    }

    /**
     * Searches the message and, unless the mode is {@link Mode#FLAG}, rewrites the HTML parts that
     * hold pixels in place (the caller then calls {@code saveChanges()}).
     */
    public Scan scan(Part message, Mode mode) throws MessagingException, IOException {
        Scan scan = new Scan();
        walk(message, mode, scan, 0);
        return scan;
    }

    private void walk(Part part, Mode mode, Scan scan, int depth) throws MessagingException, IOException {
        java.util.Optional<ContentType> parsed = contentType(part);
        if (parsed.isEmpty() || depth > MAX_DEPTH) {
            return;
        }
        ContentType type = parsed.get();
        if (type.match("multipart/report") || type.match("multipart/signed") || type.match("multipart/encrypted")) {
            return;
        }
        if (type.getPrimaryType().equalsIgnoreCase("multipart")) {
            Object content = part.getContent();
            if (content instanceof Multipart) {
                Multipart multipart = (Multipart) content;
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i), mode, scan, depth + 1);
                }
            }
            return;
        }
        if (type.match("text/html") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part instanceof MimePart) {
            html((MimePart) part, type, mode, scan);
        }
    }

    private void html(MimePart part, ContentType type, Mode mode, Scan scan) throws MessagingException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = readAtMost(in, maxHtmlBytes);
        } catch (IOException | MessagingException e) {
            scan.skipped.add("text/html part that cannot be decoded: " + e);
            return;
        }
        if (bytes == null) {
            scan.skipped.add("text/html part over maxHtmlBytes " + maxHtmlBytes);
            return;
        }
        scan.htmlParts++;
        Charset charset = charset(type.getParameter("charset"));
        String text = decode(bytes, charset);
        if (text == null) {
            charset = StandardCharsets.ISO_8859_1;
            text = new String(bytes, charset);
        }
        HtmlPixelRewriter.Result result = HtmlPixelRewriter.process(text, charset, detector, mode);
        scan.findings.addAll(result.findings());
        if (result.html() != null) {
            replace(part, result.html().getBytes(charset));
            scan.rewrittenParts++;
        }
    }

    private static void replace(MimePart part, byte[] html) throws MessagingException {
        String contentType = part.getHeader("Content-Type", null);
        String encoding = part.getEncoding();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(html, contentType)));
        part.setHeader("Content-Type", contentType);
        String lower = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("base64") || lower.equals("quoted-printable")) {
            part.setHeader("Content-Transfer-Encoding", lower);
        } else {
            // javax.mail picks 7bit, quoted-printable or base64 from the new bytes.
            part.removeHeader("Content-Transfer-Encoding");
        }
    }

    /** The bytes, or null when there are more than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(name.trim());
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** Strict decoding: null when the bytes are not valid in this charset. */
    private static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static java.util.Optional<ContentType> contentType(Part part) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) {
            return java.util.Optional.of(new ContentType("text", "plain", null));
        }
        try {
            return java.util.Optional.of(new ContentType(raw));
        } catch (ParseException e) {
            return java.util.Optional.empty();
        }
    }
}
