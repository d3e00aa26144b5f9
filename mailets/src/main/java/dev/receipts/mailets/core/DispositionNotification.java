package dev.receipts.mailets.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The content of a {@code message/disposition-notification} part (RFC 8098). It is read with James's
 * own parser ({@code james-mdn}) first; what that strict parser refuses is read leniently here, so
 * RFC 3798 and RFC 2298 reports with modifiers and legacy types such as {@code denied} or
 * {@code failed} parse too. {@link #readBy()} says which. The {@code Disposition} field is split into
 * action mode, sending mode, disposition type (all lower-cased) and modifiers (as received).
 */
public final class DispositionNotification {
    /** Read by James's RFC 8098 parser. */
    public static final String READ_BY_JAMES_MDN = "james-mdn";
    /** Read by the lenient reading of this class. */
    public static final String READ_BY_LENIENT = "lenient";

    private final String reportingUa;
    private final String originalMessageId;
    private final TypedAddress originalRecipient;
    private final TypedAddress finalRecipient;
    private final String disposition;
    private final String actionMode;
    private final String sendingMode;
    private final String dispositionType;
    private final List<String> modifiers;
    private final String readBy;
    private final String returnedMessageId;

    public DispositionNotification(String reportingUa, String originalMessageId, TypedAddress originalRecipient,
                                   TypedAddress finalRecipient, String disposition, String actionMode, String sendingMode,
                                   String dispositionType, List<String> modifiers) {
        this(reportingUa, originalMessageId, originalRecipient, finalRecipient, disposition, actionMode, sendingMode,
            dispositionType, modifiers, READ_BY_LENIENT);
    }

    DispositionNotification(String reportingUa, String originalMessageId, TypedAddress originalRecipient,
                            TypedAddress finalRecipient, String disposition, String actionMode, String sendingMode,
                            String dispositionType, List<String> modifiers, String readBy) {
        this(reportingUa, originalMessageId, originalRecipient, finalRecipient, disposition, actionMode, sendingMode,
            dispositionType, modifiers, readBy, null);
    }

    private DispositionNotification(String reportingUa, String originalMessageId, TypedAddress originalRecipient,
                                    TypedAddress finalRecipient, String disposition, String actionMode,
                                    String sendingMode, String dispositionType, List<String> modifiers, String readBy,
                                    String returnedMessageId) {
        this.returnedMessageId = returnedMessageId;
        this.reportingUa = reportingUa;
        this.originalMessageId = originalMessageId;
        this.originalRecipient = originalRecipient;
        this.finalRecipient = finalRecipient;
        this.disposition = disposition;
        this.actionMode = actionMode;
        this.sendingMode = sendingMode;
        this.dispositionType = dispositionType;
        this.modifiers = List.copyOf(modifiers);
        this.readBy = readBy;
    }

    /** Reads the fields of a disposition-notification part; what is missing goes to {@code problems}. */
    public static DispositionNotification parse(String text, List<String> problems) {
        FieldBlocks blocks = FieldBlockParser.parse(text);
        Optional<DispositionNotification> strict = JamesMdnReader.read(text, blocks.first("Disposition").orElse(null));
        if (strict.isPresent()) {
            return strict.get();
        }
        problems.addAll(blocks.problems());
        String reportingUa = blocks.first("Reporting-UA").orElse(null);
        String originalMessageId = blocks.first("Original-Message-ID").orElse(null);
        if (originalMessageId == null) {
            problems.add("disposition-notification: Original-Message-ID missing");
        }
        TypedAddress originalRecipient = TypedAddress.parse("Original-Recipient", blocks.first("Original-Recipient").orElse(null), problems);
        TypedAddress finalRecipient = TypedAddress.parse("Final-Recipient", blocks.first("Final-Recipient").orElse(null), problems);
        if (finalRecipient == null) {
            problems.add("disposition-notification: Final-Recipient missing");
        }
        String disposition = blocks.first("Disposition").orElse(null);
        String actionMode = null;
        String sendingMode = null;
        String dispositionType = null;
        List<String> modifiers = new ArrayList<>();
        if (disposition == null) {
            problems.add("disposition-notification: Disposition missing");
        } else {
            String bare = DeliveryStatus.stripComment(disposition);
            int semicolon = bare.indexOf(';');
            String typePart;
            if (semicolon < 0) {
                problems.add("disposition-notification: Disposition has no action/sending mode: [" + disposition + "]");
                typePart = bare;
            } else {
                String modes = bare.substring(0, semicolon);
                typePart = bare.substring(semicolon + 1);
                int slash = modes.indexOf('/');
                if (slash < 0) {
                    problems.add("disposition-notification: Disposition has no sending mode: [" + disposition + "]");
                    actionMode = emptyToNull(modes.trim().toLowerCase(Locale.ROOT));
                } else {
                    actionMode = emptyToNull(modes.substring(0, slash).trim().toLowerCase(Locale.ROOT));
                    sendingMode = emptyToNull(modes.substring(slash + 1).trim().toLowerCase(Locale.ROOT));
                }
            }
            int slash = typePart.indexOf('/');
            String type = slash < 0 ? typePart : typePart.substring(0, slash);
            dispositionType = emptyToNull(type.trim().toLowerCase(Locale.ROOT));
            if (dispositionType == null) {
                problems.add("disposition-notification: Disposition has no disposition type: [" + disposition + "]");
            }
            if (slash >= 0) {
                for (String modifier : typePart.substring(slash + 1).split(",")) {
                    if (!modifier.isBlank()) {
                        modifiers.add(modifier.trim());
                    }
                }
            }
        }
        return new DispositionNotification(reportingUa, originalMessageId, originalRecipient, finalRecipient,
            disposition, actionMode, sendingMode, dispositionType, modifiers);
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    public String reportingUa() {
        return reportingUa;
    }

    public String originalMessageId() {
        return originalMessageId;
    }

    public TypedAddress originalRecipient() {
        return originalRecipient;
    }

    public TypedAddress finalRecipient() {
        return finalRecipient;
    }

    /** The raw {@code Disposition} field. */
    public String disposition() {
        return disposition;
    }

    public String actionMode() {
        return actionMode;
    }

    public String sendingMode() {
        return sendingMode;
    }

    public String dispositionType() {
        return dispositionType;
    }

    public List<String> modifiers() {
        return modifiers;
    }

    /**
     * The same notification with the {@code Message-ID} of the returned original headers (the report's
     * {@code text/rfc822-headers} part), which the service uses to find the message when {@code Original-Message-ID}
     * is missing.
     */
    public DispositionNotification withReturnedMessageId(String messageId) {
        return new DispositionNotification(reportingUa, originalMessageId, originalRecipient, finalRecipient, disposition,
            actionMode, sendingMode, dispositionType, modifiers, readBy, messageId);
    }

    /** The {@code Message-ID} of the returned original headers, or null when none was returned. */
    public String returnedMessageId() {
        return returnedMessageId;
    }

    /** Which parser read it: {@link #READ_BY_JAMES_MDN} or {@link #READ_BY_LENIENT}. */
    public String readBy() {
        return readBy;
    }
}
