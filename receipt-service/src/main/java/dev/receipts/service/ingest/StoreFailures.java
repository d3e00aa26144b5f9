package dev.receipts.service.ingest;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;

/**
 * Decides whether a failure to store an event is the service's own (the database is unreachable, shutting down,
 * out of resources, or a lock or serialization conflict: the same event may be stored later, so the batch is
 * retried) or the event's (anything else, such as a value a column refuses or a constraint: kept as rejected).
 */
final class StoreFailures {
    /** SQLSTATE classes of conditions that pass: connection, transaction rollback, resources, operator intervention. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** Single SQLSTATEs that pass: lock not available (PostgreSQL), lock timeout (H2). */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "HYT00");

    private StoreFailures() {
    }

    /** Whether trying again later may succeed. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof LockTimeoutException || t instanceof PessimisticLockException
                || t instanceof QueryTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state) || state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
        }
        return false;
    }
}
