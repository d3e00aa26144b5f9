package dev.receipts.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.receipts.mailets.core.MimeShape;

/**
 * Sends mail whose MIME structure is hostile (multiparts nested deeper than {@code maxDepth}, default
 * {@value #DEFAULT_MAX_DEPTH}, or more than {@code maxParts} parts, default {@value #DEFAULT_MAX_PARTS}) to the
 * {@code processor} (default {@value #DEFAULT_PROCESSOR}), where the shipped configuration stores it in a
 * repository: James 3.8.1's JMAP preview ({@code MessageContentExtractor}, run at local delivery) reads each level of
 * nested multiparts twice when it finds no text in them, 2^depth times in all, and spins for minutes on a few dozen
 * levels while other mail for the mailbox waits. Sixteen levels cost it at most 65,536 steps; real mail nests far
 * less. The reason is in the header {@value #HEADER} and the attribute {@value #ATTRIBUTE}; the
 * mail is otherwise unchanged. The structure is read in one streaming pass that stops at the first excess
 * ({@link MimeShape}); mail that cannot be read as MIME goes on. Never throws: a failure to read lets the mail go on.
 */
public final class QuarantineHostileMime extends GenericMailet {
    public static final String HEADER = "X-Receipts-Quarantine";
    public static final String ATTRIBUTE = "dev.receipts.quarantine";
    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_PARTS = 2000;
    static final String DEFAULT_PROCESSOR = "quarantine";
    private static final Set<String> PARAMETERS = Set.of("maxDepth", "maxParts", "processor", "onMailetException",
        "onMatchException");
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineHostileMime.class);

    private MimeShape shape;
    private String processor;

    @Override
    public void init() throws MessagingException {
        Map<String, String> parameters = MailetParameters.of(this);
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new MessagingException(getMailetName() + ": unknown parameter [" + name + "]; known: " + PARAMETERS);
            }
        }
        int maxDepth = positive(parameters, "maxDepth", DEFAULT_MAX_DEPTH);
        int maxParts = positive(parameters, "maxParts", DEFAULT_MAX_PARTS);
        shape = new MimeShape(maxDepth, maxParts);
        processor = parameters.getOrDefault("processor", DEFAULT_PROCESSOR).trim();
        if (processor.isEmpty()) {
            throw new MessagingException(getMailetName() + ": processor must not be empty");
        }
    }

    private int positive(Map<String, String> parameters, String name, int fallback) throws MessagingException {
        String value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MessagingException(getMailetName() + ": " + name + " must be a whole number of at least 1, got [" + value + "]");
    }

    @Override
    public void service(Mail mail) {
        try {
            Optional<String> excess;
            try (InputStream in = wholeMessage(mail.getMessage())) {
                excess = shape.excess(in);
            }
            if (excess.isPresent()) {
                String reason = excess.get();
                mail.getMessage().setHeader(HEADER, reason);
                mail.setAttribute(new Attribute(AttributeName.of(ATTRIBUTE), AttributeValue.of(reason)));
                LOGGER.warn("Mail {} from {} to {}: {}; sent to processor {}", mail.getName(), mail.getMaybeSender().asString(),
                    mail.getRecipients(), reason, processor);
                mail.setState(processor);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            LOGGER.error("Could not read the MIME structure of mail {}; it goes on", mail.getName(), e);
        }
    }

    /** The header section and the raw body, as received. */
    private static InputStream wholeMessage(MimeMessage message) throws MessagingException {
        StringBuilder headers = new StringBuilder();
        Enumeration<String> lines = message.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            headers.append(lines.nextElement()).append("\r\n");
        }
        headers.append("\r\n");
        InputStream head = new java.io.ByteArrayInputStream(headers.toString().getBytes(StandardCharsets.UTF_8));
        return new SequenceInputStream(Collections.enumeration(java.util.List.of(head, message.getRawInputStream())));
    }

    @Override
    public String getMailetInfo() {
        return "Receipts: sends mail with a hostile MIME structure to a quarantine processor";
    }
}
