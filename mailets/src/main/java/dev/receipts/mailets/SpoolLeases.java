package dev.receipts.mailets;

import java.io.IOException;
import java.util.Map;

import javax.mail.MessagingException;

import dev.receipts.mailets.core.ReceiptSettings;
import dev.receipts.mailets.core.SpoolRegistry;

/** A mailet's lease on the shared spool and forwarder, taken in {@code init()} with the messages James shows on failure. */
final class SpoolLeases {
    private SpoolLeases() {
    }

    /**
     * @param parameters the raw init parameters, to quote the spool directory as the admin wrote it
     * @throws MessagingException naming the mailet and the parameter, when the spool cannot be used
     */
    static SpoolRegistry.Lease acquire(String mailetName, ReceiptSettings settings, Map<String, String> parameters)
        throws MessagingException {
        try {
            return SpoolRegistry.acquire(settings.spoolDirectory(), settings.serviceUrl(), settings.token(),
                settings.nodeName());
        } catch (IOException e) {
            String raw = parameters.getOrDefault(ReceiptSettings.SPOOL_DIRECTORY, ReceiptSettings.DEFAULT_SPOOL_DIRECTORY);
            throw new MessagingException(mailetName + ": '" + ReceiptSettings.SPOOL_DIRECTORY + "' must be a writable directory, got ["
                + raw + "] (resolved to " + settings.spoolDirectory() + "): " + e, e);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(mailetName + ": " + e.getMessage(), e);
        }
    }
}
