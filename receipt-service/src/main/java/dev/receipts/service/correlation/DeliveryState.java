package dev.receipts.service.correlation;

import java.util.Locale;
import java.util.Optional;

/**
 * What we know about delivery to one recipient. The rank orders the states: a new fact replaces the
 * current state only when its rank is at least the current one, so a late {@code delayed} never hides a
 * {@code delivered}.
 */
public enum DeliveryState {
    ACCEPTED(0),
    DELAYED(1),
    RELAYED(2),
    EXPANDED(3),
    DELIVERED(4),
    FAILED(4);

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
