package dev.receipts.service.common;

/** The caller did not prove who they are (ingest token missing or wrong). */
public final class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
