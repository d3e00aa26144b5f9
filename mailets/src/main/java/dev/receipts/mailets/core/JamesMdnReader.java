package dev.receipts.mailets.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mdn.MDNReport;
import org.apache.james.mdn.MDNReportParser;
import org.apache.james.mdn.fields.Disposition;
import org.apache.james.mdn.fields.FinalRecipient;
import org.apache.james.mdn.fields.OriginalRecipient;
import org.apache.james.mdn.modifier.DispositionModifier;

/**
 * Reads a {@code message/disposition-notification} part with James's own RFC 8098 parser ({@code james-mdn},
 * shipped in James's {@code lib/}). It is strict: what it refuses (legacy RFC 3798/2298 values, missing fields,
 * sloppy syntax) is left to {@link DispositionNotification}'s lenient reading.
 */
final class JamesMdnReader {
    private JamesMdnReader() {
    }

    /**
     * The fields as James reads them, or empty when James's parser refuses the text or is not on the class path.
     *
     * @param rawDisposition the {@code Disposition} field as received, kept as is (James reformats it)
     */
    static Optional<DispositionNotification> read(String text, String rawDisposition) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            String crlf = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
            scala.util.Try<MDNReport> parsed = MDNReportParser.parse(crlf.endsWith("\r\n") ? crlf : crlf + "\r\n");
            if (parsed.isFailure()) {
                return Optional.empty();
            }
            return Optional.of(toNotification(parsed.get(), rawDisposition));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static DispositionNotification toNotification(MDNReport report, String rawDisposition) {
        Disposition disposition = report.getDispositionField();
        List<String> modifiers = new ArrayList<>();
        for (DispositionModifier modifier : disposition.getModifiers()) {
            modifiers.add(modifier.getValue());
        }
        String actionMode = disposition.getActionMode().getValue().toLowerCase(Locale.ROOT);
        String sendingMode = disposition.getSendingMode().getValue().toLowerCase(Locale.ROOT);
        String type = disposition.getType().getValue().toLowerCase(Locale.ROOT);
        FinalRecipient finalRecipient = report.getFinalRecipientField();
        return new DispositionNotification(
            report.getReportingUserAgentField().map(ua -> ua.fieldValue()).orElse(null),
            report.getOriginalMessageIdField().map(id -> id.getOriginalMessageId()).orElse(null),
            report.getOriginalRecipientField().map(JamesMdnReader::address).orElse(null),
            new TypedAddress(finalRecipient.getAddressType().getType().toLowerCase(Locale.ROOT),
                finalRecipient.getFinalRecipient().formatted()),
            rawDisposition,
            actionMode, sendingMode, type, modifiers, DispositionNotification.READ_BY_JAMES_MDN);
    }

    private static TypedAddress address(OriginalRecipient recipient) {
        return new TypedAddress(recipient.getAddressType().getType().toLowerCase(Locale.ROOT),
            recipient.getOriginalRecipient().formatted());
    }
}
