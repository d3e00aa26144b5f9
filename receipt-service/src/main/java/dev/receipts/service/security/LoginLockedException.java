package dev.receipts.service.security;

import java.time.Instant;

/**
 * Why a login was refused without asking James: its user name is locked out after repeated failures. It travels
 * as the cause of an {@code AuthenticationFailedException}; answered 429 on the API.
 */
public final class LoginLockedException extends RuntimeException {
    private final Instant until;

    public LoginLockedException(Instant until) {
        super("Too many failed logins; try again after " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }

    /** The lockout in a failure's causes, if any. */
    public static LoginLockedException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LoginLockedException locked) {
                return locked;
            }
        }
        return null;
    }
}
