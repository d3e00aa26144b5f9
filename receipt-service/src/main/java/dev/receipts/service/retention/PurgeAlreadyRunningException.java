package dev.receipts.service.retention;

/** A purge was requested while another run is in progress. */
public final class PurgeAlreadyRunningException extends RuntimeException {
    private final long runningId;

    public PurgeAlreadyRunningException(long runningId) {
        super("A purge is already running: run [" + runningId + "]");
        this.runningId = runningId;
    }

    public long runningId() {
        return runningId;
    }
}
