package dev.receipts.service.live;

import java.util.List;

/**
 * Recipients of sent messages that an ingested event changed (a message recorded, a report or a delivery fact
 * applied). Fired inside the ingest transaction; the streams see it only once that transaction has committed.
 */
public record MessageChanged(List<Change> changes) {
    /** One recipient of one owner's message. */
    public record Change(String owner, String messageId, String recipient) {
    }
}
