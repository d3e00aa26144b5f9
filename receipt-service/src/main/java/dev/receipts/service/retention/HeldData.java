package dev.receipts.service.retention;

import java.util.Locale;
import java.util.Set;

import dev.receipts.contract.MessageIds;

/**
 * What the active legal holds protect at one moment: messages by normalised Message-ID (those named by a
 * {@code MESSAGE} hold and every message of a held sender) and held addresses (senders and employees, lower case).
 */
public record HeldData(Set<String> messageIds, Set<String> addresses) {
    public HeldData {
        messageIds = Set.copyOf(messageIds);
        addresses = Set.copyOf(addresses);
    }

    /** Whether a raw Message-ID (as a ledger row keeps it) names a held message. */
    public boolean holdsMessage(String rawMessageId) {
        String norm = MessageIds.normalizeOrNull(rawMessageId);
        return norm != null && messageIds.contains(norm);
    }

    /** Whether a sent message, by its normalised Message-ID, sender and owner, is held. */
    public boolean holdsMessage(String messageIdNorm, String sender, String owner) {
        return (messageIdNorm != null && messageIds.contains(messageIdNorm)) || holdsAddress(sender)
            || holdsAddress(owner);
    }

    /** Whether an address (any case) is held as a sender or employee. */
    public boolean holdsAddress(String address) {
        return address != null && addresses.contains(address.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether a ledger row about this message and employee must be kept. */
    public boolean holdsLedgerRow(String originalMessageId, String employee) {
        return holdsMessage(originalMessageId) || holdsAddress(employee);
    }
}
