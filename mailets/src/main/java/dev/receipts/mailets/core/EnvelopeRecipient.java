package dev.receipts.mailets.core;

import java.util.List;
import java.util.Objects;

/**
 * One envelope recipient of a submitted message with its DSN request (RFC 3461): the NOTIFY
 * keywords ({@code SUCCESS}, {@code FAILURE}, {@code DELAY}, or {@code NEVER}; empty when none was
 * given) and the ORCPT as {@code addr-type;address} (null when absent).
 */
public final class EnvelopeRecipient {
    private final String address;
    private final List<String> notify;
    private final String orcpt;

    public EnvelopeRecipient(String address, List<String> notify, String orcpt) {
        this.address = Objects.requireNonNull(address, "address");
        this.notify = List.copyOf(notify);
        this.orcpt = orcpt;
    }

    public String address() {
        return address;
    }

    public List<String> notifyKeywords() {
        return notify;
    }

    public String orcpt() {
        return orcpt;
    }

    /** True when NOTIFY asks for at least one kind of DSN. */
    public boolean requestsNotification() {
        return notify.stream().anyMatch(keyword -> !"NEVER".equals(keyword));
    }
}
