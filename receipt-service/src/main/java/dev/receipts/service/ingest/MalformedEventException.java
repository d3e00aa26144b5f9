package dev.receipts.service.ingest;

/** An event that does not follow the ingest contract; the message says which field and quotes its value. */
public final class MalformedEventException extends Exception {
    public MalformedEventException(String message) {
        super(message);
    }
}
