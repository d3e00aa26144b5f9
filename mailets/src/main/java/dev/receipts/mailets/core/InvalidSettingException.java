package dev.receipts.mailets.core;

/**
 * An init parameter is missing or has a value that cannot be used; the message says which mailet,
 * which parameter, the value found and what was expected.
 */
public final class InvalidSettingException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }

    public InvalidSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
