package dev.receipts.mailets.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last known receipt policies, kept in memory for the mail threads and in a file for restarts.
 *
 * <p>{@link #start()} loads the file (a corrupt one is moved aside and logged, never fatal), tries
 * one fetch within {@link #INITIAL_FETCH_TIMEOUT} so that a freshly started James enforces the
 * current policy, then refreshes from one background daemon thread at a fixed delay. A fetch is
 * {@code GET {serviceUrl}/api/v1/policies/snapshot} with the bearer token and
 * {@code If-None-Match: <version held>}: {@code 200} brings a new snapshot, which is written to the
 * file atomically (temporary file, fsync, rename) before it is used; {@code 304} means unchanged.
 * Anything else (an error status, a network error, a snapshot that does not parse) keeps the
 * snapshot held; one warning is logged per failure streak. {@link #current()} never blocks.
 */
public final class PolicyCache implements AutoCloseable {
    public static final String SNAPSHOT_PATH = "/api/v1/policies/snapshot";
    public static final Duration INITIAL_FETCH_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyCache.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** What one fetch did. */
    public enum FetchResult {
        /** A new snapshot is now in force. */
        UPDATED,
        /** The service answered 304, or 200 with the version held. */
        UNCHANGED,
        /** The snapshot held stays in force; {@link #lastError()} says why. */
        FAILED
    }

    private final URI snapshotUri;
    private final String token;
    private final Path file;
    private final Duration refreshInterval;
    private final HttpClient client;
    private final AtomicReference<ReceiptPolicies> current = new AtomicReference<>(ReceiptPolicies.DEFAULTS);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean failing;
    private ScheduledExecutorService scheduler;

    /**
     * @param serviceUrl      the receipt service's base URL
     * @param token           the ingest token
     * @param file            where the last snapshot is kept; its directory is created if missing
     * @param refreshInterval the delay between two background fetches
     */
    public PolicyCache(URI serviceUrl, String token, Path file, Duration refreshInterval) {
        this.snapshotUri = URI.create(serviceUrl.toString().replaceAll("/+$", "") + SNAPSHOT_PATH);
        this.token = Objects.requireNonNull(token, "token");
        this.file = file.toAbsolutePath().normalize();
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(INITIAL_FETCH_TIMEOUT)
            .build();
    }

    /**
     * Loads the file, tries one fetch, and starts the background refresh; returns this. Never fails
     * because of the service or the file's content.
     *
     * @throws IOException when the file's directory cannot be created
     */
    public PolicyCache start() throws IOException {
        Files.createDirectories(file.getParent());
        load();
        fetch(INITIAL_FETCH_TIMEOUT);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "receipts-policy-refresh-" + file.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        long delay = refreshInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, delay, delay, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The snapshot in force: the last one fetched or loaded, else {@link ReceiptPolicies#DEFAULTS}. */
    public ReceiptPolicies current() {
        return current.get();
    }

    /** One fetch now, as the background thread does it. */
    public FetchResult refresh() {
        return fetch(FETCH_TIMEOUT);
    }

    /** Why the last fetch failed, or null when it succeeded. */
    public String lastError() {
        return lastError.get();
    }

    public Path file() {
        return file;
    }

    public URI snapshotUri() {
        return snapshotUri;
    }

    /** Stops the background refresh; the file stays. */
    @Override
    public void close() {
        ScheduledExecutorService running = scheduler;
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            if (!running.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.warn("Receipt policies: refresh thread for {} did not stop within {}", file, CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException | LinkageError e) {
            // The scheduler would silently stop repeating a task that throws.
            LOGGER.error("Receipt policies: refresh from {} failed unexpectedly", snapshotUri, e);
        }
    }

    private void load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            LOGGER.info("Receipt policies: no cache file {} yet; using the defaults until a snapshot arrives", file);
            return;
        } catch (IOException | RuntimeException e) {
            setAside("cannot be read: " + e);
            return;
        }
        try {
            ReceiptPolicies loaded = ReceiptPolicies.parse(text);
            current.set(loaded);
            LOGGER.info("Receipt policies: loaded {} from {}", describe(loaded), file);
        } catch (IllegalArgumentException e) {
            setAside(e.getMessage());
        }
    }

    private void setAside(String reason) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOGGER.error("Receipt policies: cache file {} ignored and moved to {}: {}", file, aside, reason);
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Receipt policies: cache file {} ignored ({}), and it cannot be moved aside: {}", file, reason, e.toString());
        }
    }

    private synchronized FetchResult fetch(Duration timeout) {
        ReceiptPolicies held = current.get();
        HttpRequest.Builder request = HttpRequest.newBuilder(snapshotUri)
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET();
        if (held.version() != null) {
            request.header("If-None-Match", held.version());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        } catch (IOException | RuntimeException e) {
            return failed(e.toString());
        }
        if (response.statusCode() == 304) {
            return succeeded(FetchResult.UNCHANGED);
        }
        if (response.statusCode() != 200) {
            return failed("HTTP " + response.statusCode() + (response.statusCode() == 401 ? " (is 'token' the service's ingest token?)" : ""));
        }
        ReceiptPolicies fetched;
        try {
            fetched = ReceiptPolicies.parse(response.body());
        } catch (IllegalArgumentException e) {
            return failed("unusable snapshot, keeping " + describe(held) + ": " + e.getMessage());
        }
        if (fetched.version().equals(held.version())) {
            return succeeded(FetchResult.UNCHANGED);
        }
        persist(response.body());
        current.set(fetched);
        LOGGER.info("Receipt policies: now enforcing {} (was {})", describe(fetched), describe(held));
        return succeeded(FetchResult.UPDATED);
    }

    private void persist(String body) {
        Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Receipt policies: cannot write the cache file {}; the new snapshot is used, but a restart "
                + "while the service is down would fall back to the previous file: {}", file, e.toString());
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Best effort: a left-over temporary file is harmless.
            }
        }
    }

    private FetchResult failed(String reason) {
        lastError.set(reason);
        if (!failing) {
            failing = true;
            LOGGER.warn("Receipt policies: cannot refresh from {}: {}; still enforcing {}", snapshotUri, reason, describe(current.get()));
        }
        return FetchResult.FAILED;
    }

    private FetchResult succeeded(FetchResult result) {
        lastError.set(null);
        if (failing) {
            failing = false;
            LOGGER.info("Receipt policies: {} answers again", snapshotUri);
        }
        return result;
    }

    private static String describe(ReceiptPolicies policies) {
        return policies.version() == null ? "the defaults (no snapshot yet)"
            : "snapshot " + policies.version() + " (" + policies.employeeCount() + " employee policies)";
    }
}
