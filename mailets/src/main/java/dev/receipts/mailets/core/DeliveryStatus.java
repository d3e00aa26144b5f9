package dev.receipts.mailets.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.receipts.contract.XText;

/**
 * The content of a {@code message/delivery-status} part (RFC 3464): per-message fields, one
 * {@link RecipientStatus} per recipient, and the Message-ID of the returned message if any.
 */
public final class DeliveryStatus {
    private static final Pattern STATUS_CODE = Pattern.compile("\\b(\\d\\.\\d{1,3}\\.\\d{1,3})\\b");

    private final String reportingMta;
    private final String originalEnvelopeId;
    private final String arrivalDate;
    private final String returnedMessageId;
    private final List<RecipientStatus> recipients;
    private final String dsnGateway;
    private final String receivedFromMta;

    public DeliveryStatus(String reportingMta, String originalEnvelopeId, String arrivalDate, String returnedMessageId,
                          List<RecipientStatus> recipients) {
        this(reportingMta, null, null, originalEnvelopeId, arrivalDate, returnedMessageId, recipients);
    }

    /** Every per-message field of RFC 3464 §2.2, and the returned message's Message-ID. */
    public DeliveryStatus(String reportingMta, String dsnGateway, String receivedFromMta, String originalEnvelopeId, String arrivalDate,
                          String returnedMessageId, List<RecipientStatus> recipients) {
        this.dsnGateway = dsnGateway;
        this.receivedFromMta = receivedFromMta;
        this.reportingMta = reportingMta;
        this.originalEnvelopeId = originalEnvelopeId;
        this.arrivalDate = arrivalDate;
        this.returnedMessageId = returnedMessageId;
        this.recipients = List.copyOf(recipients);
    }

    /**
     * Reads the fields of a delivery-status part. Blocks naming a recipient ({@code Final-Recipient},
     * {@code Original-Recipient} or {@code Action}) are per-recipient; per-message fields are taken
     * from the first block that has them. What cannot be read goes to {@code problems}.
     */
    public static DeliveryStatus parse(String text, String returnedMessageId, List<String> problems) {
        FieldBlocks blocks = FieldBlockParser.parse(text);
        problems.addAll(blocks.problems());
        String reportingMta = blocks.first("Reporting-MTA").orElse(null);
        if (reportingMta == null) {
            problems.add("delivery-status: Reporting-MTA missing");
        }
        String originalEnvelopeId = blocks.first("Original-Envelope-Id").map(String::trim).map(XText::decode).orElse(null);
        String dsnGateway = blocks.first("DSN-Gateway").orElse(null);
        String receivedFromMta = blocks.first("Received-From-MTA").orElse(null);
        String arrivalDate = blocks.first("Arrival-Date").orElse(null);
        List<RecipientStatus> recipients = new ArrayList<>();
        for (FieldBlock block : blocks.blocks()) {
            for (FieldBlock group : recipientGroups(block)) {
                if (group.has("Final-Recipient") || group.has("Original-Recipient") || group.has("Action")) {
                    recipients.add(recipient(group, recipients.size() + 1, problems));
                }
            }
        }
        if (recipients.isEmpty()) {
            problems.add("delivery-status: no per-recipient fields");
        }
        return new DeliveryStatus(reportingMta, dsnGateway, receivedFromMta, originalEnvelopeId, arrivalDate, returnedMessageId, recipients);
    }

    /**
     * A block split where another recipient begins. RFC 3464 separates the per-message fields and
     * each recipient's fields by blank lines, but some MTAs (AOL's, for one) write them all in one
     * block. Another recipient begins at a {@code Final-Recipient} or {@code Original-Recipient}
     * once the current group already has that field, or an {@code Action} or {@code Status} after
     * its recipient's address. Fields may come in any order within a recipient's group.
     */
    static List<FieldBlock> recipientGroups(FieldBlock block) {
        List<FieldBlock> groups = new ArrayList<>();
        List<Field> current = new ArrayList<>();
        for (Field field : block.fields()) {
            boolean address = field.hasName("Final-Recipient") || field.hasName("Original-Recipient");
            if (address && startsAnotherRecipient(current, field)) {
                groups.add(new FieldBlock(current));
                current = new ArrayList<>();
            }
            current.add(field);
        }
        if (!current.isEmpty()) {
            groups.add(new FieldBlock(current));
        }
        return groups;
    }

    private static boolean startsAnotherRecipient(List<Field> current, Field address) {
        boolean namesRecipient = false;
        boolean pastAddresses = false;
        for (Field field : current) {
            if (field.hasName("Final-Recipient") || field.hasName("Original-Recipient")) {
                namesRecipient = true;
                pastAddresses |= field.hasName(address.name());
            } else if (namesRecipient && (field.hasName("Action") || field.hasName("Status"))) {
                pastAddresses = true;
            }
        }
        return namesRecipient && pastAddresses;
    }

    private static RecipientStatus recipient(FieldBlock block, int index, List<String> problems) {
        String where = "delivery-status recipient " + index + ": ";
        TypedAddress finalRecipient = TypedAddress.parse("Final-Recipient", block.first("Final-Recipient").orElse(null), problems);
        if (finalRecipient == null) {
            problems.add(where + "Final-Recipient missing");
        }
        TypedAddress originalRecipient = TypedAddress.parse("Original-Recipient", block.first("Original-Recipient").orElse(null), problems);
        String action = block.first("Action")
            .map(value -> stripComment(value).toLowerCase(Locale.ROOT))
            .filter(value -> !value.isEmpty())
            .orElse(null);
        if (action == null) {
            problems.add(where + "Action missing");
        }
        String rawStatus = block.first("Status").orElse(null);
        String status = null;
        if (rawStatus == null) {
            problems.add(where + "Status missing");
        } else {
            Matcher matcher = STATUS_CODE.matcher(rawStatus);
            if (matcher.find()) {
                status = matcher.group(1);
            } else {
                problems.add(where + "Status is not a d.d.d code: [" + rawStatus + "]");
            }
        }
        return new RecipientStatus(finalRecipient, originalRecipient, action, status,
            block.first("Diagnostic-Code").orElse(null),
            block.first("Remote-MTA").orElse(null),
            block.first("Last-Attempt-Date").orElse(null),
            block.first("Will-Retry-Until").orElse(null),
            block.first("Final-Log-ID").orElse(null),
            null);
    }

    static String stripComment(String value) {
        return value.replaceAll("\\([^)]*\\)?", " ").trim();
    }

    public String reportingMta() {
        return reportingMta;
    }

    /** The {@code DSN-Gateway} (a gateway that translated a foreign notice into this DSN), or null. */
    public String dsnGateway() {
        return dsnGateway;
    }

    /** The {@code Received-From-MTA}: the MTA the reporting MTA received the message from, or null. */
    public String receivedFromMta() {
        return receivedFromMta;
    }

    /** The {@code Original-Envelope-Id}, xtext-decoded (RFC 3461 §4), or null. */
    public String originalEnvelopeId() {
        return originalEnvelopeId;
    }

    public String arrivalDate() {
        return arrivalDate;
    }

    public String returnedMessageId() {
        return returnedMessageId;
    }

    public List<RecipientStatus> recipients() {
        return recipients;
    }
}
