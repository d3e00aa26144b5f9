package dev.receipts.mailets.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends spooled events to the receipt service from one background daemon thread.
 *
 * <p>Loop: take up to {@value #BATCH_SIZE} oldest files, POST {@code {"events":[...]}} to
 * {@code {serviceUrl}/api/v1/ingest/events} with the bearer token, delete the files on HTTP 200
 * only. Any other answer or a network error keeps them and backs off (doubling from the initial
 * delay up to the cap); one warning is logged per failure streak. A file that is not a JSON object
 * moves to {@code dead/}. Idle, the thread wakes on every append or after the poll interval.
 *
 * <p>Every POST carries {@code X-Receipts-Node-Status: node=<n>; backlog=<ready files>; dead=<dead files>;
 * errors=<failed sends since start>} (docs/events.md). When nothing was posted for the heartbeat interval
 * (60 seconds by default), an empty batch {@code {"events":[]}} is posted as a heartbeat, so that the service
 * knows the node is alive and how its spool is; a failed heartbeat counts as an error and is not retried before
 * the next interval.
 */
public final class EventForwarder implements AutoCloseable {
    public static final int BATCH_SIZE = 500;
    public static final String INGEST_PATH = "/api/v1/ingest/events";
    public static final String NODE_STATUS_HEADER = "X-Receipts-Node-Status";

    private static final Logger LOGGER = LoggerFactory.getLogger(EventForwarder.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Timing of the loop; the defaults are the production values. */
    public static final class Timing {
        public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60));

        private final Duration pollInterval;
        private final Duration initialBackoff;
        private final Duration maxBackoff;
        private final Duration heartbeat;

        public Timing(Duration pollInterval, Duration initialBackoff, Duration maxBackoff) {
            this(pollInterval, initialBackoff, maxBackoff, DEFAULT_HEARTBEAT);
        }

        /** @param heartbeat how long the forwarder stays silent before it posts an empty batch */
        public Timing(Duration pollInterval, Duration initialBackoff, Duration maxBackoff, Duration heartbeat) {
            this.pollInterval = Objects.requireNonNull(pollInterval);
            this.initialBackoff = Objects.requireNonNull(initialBackoff);
            this.maxBackoff = Objects.requireNonNull(maxBackoff);
            this.heartbeat = Objects.requireNonNull(heartbeat);
        }
    }

    private final EventSpool spool;
    private final URI ingestUri;
    private final String token;
    private final Timing timing;
    private final String nodeName;
    private final HttpClient client;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean signalled;
    private volatile boolean stopped;
    private long lastPostNanos = System.nanoTime();

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public EventForwarder(EventSpool spool, URI serviceUrl, String token) {
        this(spool, serviceUrl, token, Timing.DEFAULT);
    }

    public EventForwarder(EventSpool spool, URI serviceUrl, String token, Timing timing) {
        this(spool, serviceUrl, token, timing, ReceiptSettings.localHostName());
    }

    /** @param nodeName the James node, as named in {@code X-Receipts-Node-Status} */
    public EventForwarder(EventSpool spool, URI serviceUrl, String token, Timing timing, String nodeName) {
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.ingestUri = URI.create(serviceUrl.toString().replaceAll("/+$", "") + INGEST_PATH);
        this.token = Objects.requireNonNull(token, "token");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
        this.thread = new Thread(this::run, "receipts-forwarder-" + spool.directory().getFileName());
        this.thread.setDaemon(true);
        spool.onAppend(this::signal);
    }

    /** Starts the background thread; returns this. */
    public EventForwarder start() {
        thread.start();
        return this;
    }

    /** Wakes the thread if it is idle (called on every append). */
    public void signal() {
        lock.lock();
        try {
            signalled = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread: interrupts it and waits up to 5 seconds. Spooled events stay on disk. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOGGER.warn("Receipts forwarder for {} did not stop within {}", spool.directory(), CLOSE_TIMEOUT);
        }
    }

    private void run() {
        Duration backoff = timing.initialBackoff;
        boolean failing = false;
        while (!stopped) {
            try {
                List<Path> batch = spool.oldest(BATCH_SIZE);
                if (batch.isEmpty()) {
                    if (System.nanoTime() - lastPostNanos >= timing.heartbeat.toNanos()) {
                        heartbeat();
                    }
                    awaitSignal();
                    continue;
                }
                String failure = send(batch);
                if (failure == null) {
                    if (failing) {
                        LOGGER.info("Receipt service at {} reachable again; forwarding resumed", ingestUri);
                    }
                    failing = false;
                    backoff = timing.initialBackoff;
                    continue;
                }
                failures.incrementAndGet();
                lastError.set(failure);
                if (!failing) {
                    LOGGER.warn("Cannot forward receipt events to {}: {}; they stay in {} and are retried with back-off",
                        ingestUri, failure, spool.readyDirectory());
                    failing = true;
                }
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(timing.maxBackoff) > 0 ? timing.maxBackoff : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                failures.incrementAndGet();
                lastError.set("spool: " + e);
                LOGGER.error("Receipts forwarder cannot read spool {}", spool.directory(), e);
                try {
                    pause(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends one batch; null on success, else what went wrong. */
    private String send(List<Path> batch) throws IOException, InterruptedException {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode events = body.putArray("events");
        List<Path> included = new ArrayList<>(batch.size());
        for (Path file : batch) {
            JsonNode event = read(file);
            if (event != null) {
                events.add(event);
                included.add(file);
            }
        }
        if (included.isEmpty()) {
            return null;
        }
        String failure = post(body);
        if (failure != null) {
            return failure;
        }
        spool.delete(included);
        sent.addAndGet(included.size());
        return null;
    }

    /** Posts an empty batch with the node's status; a failure counts as an error, retried at the next interval. */
    private void heartbeat() throws IOException, InterruptedException {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("events");
        String failure = post(body);
        if (failure != null) {
            failures.incrementAndGet();
            lastError.set("heartbeat: " + failure);
            LOGGER.debug("Receipts heartbeat to {} failed: {}", ingestUri, failure);
        }
    }

    /** One POST of a batch; null on HTTP 200, else what went wrong. */
    private String post(ObjectNode body) throws IOException, InterruptedException {
        lastPostNanos = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(ingestUri)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header(NODE_STATUS_HEADER, nodeStatus())
            .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)))
            .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (response.statusCode() != 200) {
            String answer = response.body() == null ? "" : response.body();
            return "HTTP " + response.statusCode() + " " + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer);
        }
        return null;
    }

    /** {@code node=<n>; backlog=<ready files>; dead=<dead files>; errors=<failed sends since start>}. */
    String nodeStatus() {
        return "node=" + nodeName.replace(';', '_') + "; backlog=" + Math.max(0, spool.pendingCount())
            + "; dead=" + Math.max(0, spool.deadCount()) + "; errors=" + failures.get();
    }

    private JsonNode read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            JsonNode event = MAPPER.readTree(bytes);
            if (event != null && event.isObject()) {
                return event;
            }
        } catch (IOException e) {
            LOGGER.debug("Unparseable spool file {}", file, e);
        }
        Path target = spool.moveToDead(file);
        deadLettered.incrementAndGet();
        LOGGER.error("Spool file {} is not a JSON event object; moved to {} for inspection", file, target);
        return null;
    }

    private void awaitSignal() throws InterruptedException {
        lock.lock();
        try {
            if (!signalled && !stopped) {
                wakeUp.await(timing.pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        // Appends do not cut a back-off short: only close() (interrupt) does.
        Thread.sleep(duration.toMillis());
    }

    /** Events waiting in the spool. */
    public long pendingCount() {
        return spool.pendingCount();
    }

    /** Events delivered (HTTP 200) since start. */
    public long sentCount() {
        return sent.get();
    }

    /** Failed delivery attempts since start. */
    public long failureCount() {
        return failures.get();
    }

    /** Spool files set aside as not valid JSON since start. */
    public long deadLetterCount() {
        return deadLettered.get();
    }

    /** The last failure, or null if none. */
    public String lastError() {
        return lastError.get();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    public URI ingestUri() {
        return ingestUri;
    }
}
