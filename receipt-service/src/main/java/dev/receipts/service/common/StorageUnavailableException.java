package dev.receipts.service.common;

/**
 * The service cannot store events right now (its database does not answer): the batch is answered 503 with
 * {@code Retry-After}, and stays in the sender's spool.
 */
public class StorageUnavailableException extends RuntimeException {
    /** Seconds a sender should wait before it sends the batch again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
