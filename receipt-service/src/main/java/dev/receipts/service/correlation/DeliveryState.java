package dev.receipts.service.correlation;

import java.util.Locale;
import java.util.Optional;

/**
 * What we know about delivery to one recipient. The rank orders the states: a new fact replaces the
 * current state only when its rank is at least the current one, so a late {@code delayed} never hides a
 * {@code delivered}. {@code DELAYED} and {@code RELAYED} share a rank: the later of the two is the news (our
 * hand-over to a remote host, then that host's own {@code delayed} report about its next hop).
 */
public enum DeliveryState {
    ACCEPTED(0),
    DELAYED(1),
    RELAYED(1),
    EXPANDED(2),
    DELIVERED(3),
    FAILED(3);

    private final int rank;

    DeliveryState(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean mayReplace(DeliveryState current) {
        return rank >= current.rank;
    }

    /** The state for an RFC 3464 {@code Action} value, empty for an unknown action. */
    public static Optional<DeliveryState> fromAction(String action) {
        if (action == null) {
            return Optional.empty();
        }
        switch (action.trim().toLowerCase(Locale.ROOT)) {
            case "delivered":
                return Optional.of(DELIVERED);
            case "failed":
                return Optional.of(FAILED);
            case "delayed":
                return Optional.of(DELAYED);
            case "relayed":
                return Optional.of(RELAYED);
            case "expanded":
                return Optional.of(EXPANDED);
            default:
                return Optional.empty();
        }
    }
}
