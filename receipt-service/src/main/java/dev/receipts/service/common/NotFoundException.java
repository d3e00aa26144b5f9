package dev.receipts.service.common;

/** Something the caller named does not exist, or is not theirs to see. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
