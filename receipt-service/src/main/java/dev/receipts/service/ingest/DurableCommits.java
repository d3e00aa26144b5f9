package dev.receipts.service.ingest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.receipts.service.config.ReceiptsConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes sure that an event answered 200 is on disk, not in the database's memory: the forwarder deletes what was
 * answered 200. Done here, once, whatever JDBC URL an administrator configures.
 *
 * <ul>
 *   <li>H2 keeps commits in memory for its write delay (500 ms by default), so a {@code kill -9} of the service
 *   lost acknowledged events: {@code SET WRITE_DELAY 0} writes every commit to the file before the commit returns.
 *   H2 never forces its file to the disk on commit, so this survives the death of the service, not a power loss or
 *   a crash of the operating system; use PostgreSQL for that (docs: receipt-service/README.md, "Durability").</li>
 *   <li>PostgreSQL is durable with its defaults ({@code fsync} and {@code synchronous_commit} on); a server with
 *   either off is reported as a warning at start, since an acknowledged event could then be lost.</li>
 * </ul>
 * Ingest calls {@link #ensure()} before it stores anything, so that no event is acknowledged before this is done.
 */
@ApplicationScoped
public class DurableCommits {
    private static final Logger LOG = Logger.getLogger(DurableCommits.class);
    /** H2's own write delay, in milliseconds. */
    static final int H2_DEFAULT_WRITE_DELAY = 500;

    @Inject
    DataSource dataSource;

    @Inject
    ReceiptsConfig config;

    private volatile boolean ensured;

    void onStart(@Observes StartupEvent event) {
        ensure();
    }

    /** Applies the durable setting once; a database that cannot be reached now is tried again on the next call. */
    public void ensure() {
        if (ensured) {
            return;
        }
        synchronized (this) {
            if (ensured) {
                return;
            }
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                if (!config.ingest().durableCommits()) {
                    if (product.contains("h2")) {
                        // The setting persists in the database file: put H2's default back explicitly.
                        statement.execute("SET WRITE_DELAY " + H2_DEFAULT_WRITE_DELAY);
                    }
                    LOG.warn("receipts.ingest.durable-commits is false: a kill -9 of the service loses acknowledged events");
                } else if (product.contains("h2")) {
                    statement.execute("SET WRITE_DELAY 0");
                    LOG.info("H2: every commit is written to the database file before it returns (WRITE_DELAY 0)");
                } else if (product.contains("postgres")) {
                    warnIfOff(statement, "fsync");
                    warnIfOff(statement, "synchronous_commit");
                }
                ensured = true;
            } catch (SQLException e) {
                LOG.warnf("Cannot check the durability settings of the database yet: %s", e.getMessage());
            }
        }
    }

    private static void warnIfOff(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("show " + setting)) {
            if (result.next() && "off".equalsIgnoreCase(result.getString(1))) {
                LOG.warnf("PostgreSQL has %s off: an event acknowledged to James can be lost in a crash", setting);
            }
        }
    }

    /** Whether the durable setting was applied. */
    public boolean ensured() {
        return ensured;
    }
}
