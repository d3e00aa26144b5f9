package dev.receipts.service.common;

/** The caller sent something the API cannot accept; the message says what and quotes the bad value. */
public final class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
