package dev.receipts.mailets.core;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shares one {@link EventSpool} and one {@link EventForwarder} between every mailet that names the
 * same spool directory. James creates each mailet on its own; each {@link #acquire}s a
 * {@link Lease} in {@code init()} and closes it in {@code destroy()}. The last close stops the
 * forwarder. Keyed by the absolute, normalized directory path.
 */
public final class SpoolRegistry {
    private static final Map<Path, Entry> ENTRIES = new HashMap<>();

    private SpoolRegistry() {
    }

    /**
     * Opens the spool and starts its forwarder on first use, or joins the running ones.
     *
     * @throws IOException              when the spool directory cannot be created or written
     * @throws IllegalArgumentException when the spool is already used with another serviceUrl or token
     */
    public static Lease acquire(Path spoolDirectory, URI serviceUrl, String token) throws IOException {
        return acquire(spoolDirectory, serviceUrl, token, EventForwarder.Timing.DEFAULT);
    }

    /**
     * As {@link #acquire(Path, URI, String)}, naming the node in the forwarder's status header; the first mailet
     * to open a spool names its node.
     */
    public static Lease acquire(Path spoolDirectory, URI serviceUrl, String token, String nodeName) throws IOException {
        return acquire(spoolDirectory, serviceUrl, token, EventForwarder.Timing.DEFAULT, nodeName);
    }

    /** As {@link #acquire(Path, URI, String)}, with the forwarder's timing (for tests). */
    public static Lease acquire(Path spoolDirectory, URI serviceUrl, String token, EventForwarder.Timing timing) throws IOException {
        return acquire(spoolDirectory, serviceUrl, token, timing, ReceiptSettings.localHostName());
    }

    private static Lease acquire(Path spoolDirectory, URI serviceUrl, String token, EventForwarder.Timing timing,
                                 String nodeName) throws IOException {
        Path key = spoolDirectory.toAbsolutePath().normalize();
        synchronized (ENTRIES) {
            Entry entry = ENTRIES.get(key);
            if (entry == null) {
                EventSpool spool = EventSpool.open(key);
                EventForwarder forwarder = new EventForwarder(spool, serviceUrl, token, timing, nodeName).start();
                entry = new Entry(key, serviceUrl, token, spool, forwarder);
                ENTRIES.put(key, entry);
            } else if (!entry.serviceUrl.equals(serviceUrl) || !entry.token.equals(token)) {
                List<String> differences = ReceiptSettings.differences(entry.serviceUrl, entry.token, serviceUrl, token);
                throw new IllegalArgumentException("spool [" + key + "] is already used by another mailet with a different "
                    + String.join(" and ", differences) + "; mailets sharing a spoolDirectory must use the same serviceUrl and token");
            }
            entry.references++;
            return new Lease(entry);
        }
    }

    /** How many leases are open on a directory (0 when none): for tests and health reporting. */
    public static int references(Path spoolDirectory) {
        synchronized (ENTRIES) {
            Entry entry = ENTRIES.get(spoolDirectory.toAbsolutePath().normalize());
            return entry == null ? 0 : entry.references;
        }
    }

    private static void release(Entry entry) {
        EventForwarder toClose = null;
        synchronized (ENTRIES) {
            entry.references--;
            if (entry.references == 0) {
                ENTRIES.remove(entry.key);
                toClose = entry.forwarder;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private static final class Entry {
        private final Path key;
        private final URI serviceUrl;
        private final String token;
        private final EventSpool spool;
        private final EventForwarder forwarder;
        private int references;

        private Entry(Path key, URI serviceUrl, String token, EventSpool spool, EventForwarder forwarder) {
            this.key = key;
            this.serviceUrl = Objects.requireNonNull(serviceUrl);
            this.token = Objects.requireNonNull(token);
            this.spool = spool;
            this.forwarder = forwarder;
        }
    }

    /** One mailet's hold on a shared spool; closing it more than once has no further effect. */
    public static final class Lease implements AutoCloseable {
        private final Entry entry;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public EventSpool spool() {
            return entry.spool;
        }

        public EventForwarder forwarder() {
            return entry.forwarder;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(entry);
            }
        }
    }
}
