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
 * <p>Loop: take the oldest files, at most {@value #BATCH_SIZE} and at most {@value #MAX_BATCH_BYTES} bytes of events
 * (always at least one), POST {@code {"events":[...]}} to {@code {serviceUrl}/api/v1/ingest/events} with the bearer
 * token, delete the files on HTTP 200 only. A file that is not a JSON object moves to {@code dead/}.
 *
 * <p>Two kinds of failure:
 * <ul>
 *   <li>The service is unavailable or refuses us (a network error, 401, 403, 404, 408, 429, 502, 503, 504): the
 *   batch stays and is retried with back-off (doubling from the initial delay up to the cap), for as long as it
 *   takes; nothing is ever dead-lettered for it. One warning is logged per failure streak.</li>
 *   <li>The service refuses the batch (any other answer, such as 500, 400 or 413): after
 *   {@value #SPLIT_AFTER} refusals of the same batch it is split in halves, each sent on its own and split again
 *   while refused, so that one bad event cannot hold the others back. A single event that is still refused, and
 *   again after a pause, moves to {@code dead/} with the service's answer beside it ({@code <name>.json.reason}),
 *   but only when the service stored other events meanwhile: a service that refuses everything (a broken
 *   deployment) makes nothing dead, the batch is kept and retried with back-off.</li>
 * </ul>
 * Idle, the thread wakes on every append or after the poll interval.
 *
 * <p>Every POST carries {@code X-Receipts-Node-Status: node=<n>; backlog=<ready files>; dead=<dead files>;
 * errors=<failed sends since start>}, and {@code lastDead=<why the last event went to dead/, percent-encoded>}
 * once one did (docs/events.md). When nothing was posted for the heartbeat interval (60 seconds by default), an
 * empty batch {@code {"events":[]}} is posted as a heartbeat, so that the service knows the node is alive and how
 * its spool is; a failed heartbeat counts as an error and is not retried before the next interval.
 */
public final class EventForwarder implements AutoCloseable {
    public static final int BATCH_SIZE = 500;
    /** The most bytes of events in one POST (the service accepts bodies of 10 MiB). */
    public static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    /** Refusals of the same batch before it is split. */
    public static final int SPLIT_AFTER = 3;
    /** Answers that say the service is unavailable or refuses us, not the events: retried, never dead-lettered. */
    private static final java.util.Set<Integer> UNAVAILABLE = java.util.Set.of(401, 403, 404, 408, 429, 502, 503, 504);
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
    private final AtomicReference<String> lastDead = new AtomicReference<>();
    /** The first file of the batch refused last, and how many times in a row. */
    private Path refusedHead;
    private int refusals;

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

    /** One spooled event: its file, its JSON and its size. */
    private static final class Spooled {
        final Path file;
        final JsonNode event;
        final int bytes;

        Spooled(Path file, JsonNode event, int bytes) {
            this.file = file;
            this.event = event;
            this.bytes = bytes;
        }
    }

    /** What the service answered. */
    private static final class Answer {
        final int status;
        final String text;

        Answer(int status, String text) {
            this.status = status;
            this.text = text;
        }

        boolean ok() {
            return status == 200;
        }

        /** The service refused these events (not: it is unavailable, or the network failed). */
        boolean refusesEvents() {
            return status > 0 && !ok() && !UNAVAILABLE.contains(status);
        }
    }

    /** Sends one batch; null when its events were dealt with, else what went wrong (the loop backs off). */
    private String send(List<Path> batch) throws IOException, InterruptedException {
        List<Spooled> events = new ArrayList<>(batch.size());
        long bytes = 0;
        for (Path file : batch) {
            Spooled spooled = read(file);
            if (spooled == null) {
                continue;
            }
            if (!events.isEmpty() && bytes + spooled.bytes > MAX_BATCH_BYTES) {
                break;
            }
            events.add(spooled);
            bytes += spooled.bytes;
        }
        if (events.isEmpty()) {
            return null;
        }
        Answer answer = post(events);
        if (answer.ok()) {
            delivered(events);
            return null;
        }
        if (!answer.refusesEvents()) {
            return answer.text;
        }
        Path head = events.get(0).file;
        refusals = head.equals(refusedHead) ? refusals + 1 : 1;
        refusedHead = head;
        if (refusals < SPLIT_AFTER) {
            return answer.text;
        }
        refusedHead = null;
        refusals = 0;
        LOGGER.warn("Receipt service refused a batch of {} events {} times ({}); sending it in parts", events.size(),
            SPLIT_AFTER, answer.text);
        return isolate(events);
    }

    /**
     * Sends refused events in halves, each split again while refused, down to single events. A single event that
     * is still refused goes to {@code dead/} only when the service stored other events meanwhile (so the event, not
     * the service, is the problem) and it is refused once more after a pause; otherwise it stays. Null when every
     * event was dealt with, else what stopped it (what is left stays in {@code ready/}, for the loop's back-off).
     */
    private String isolate(List<Spooled> events) throws IOException, InterruptedException {
        List<Spooled> suspects = new ArrayList<>();
        long deliveredBefore = sent.get();
        String failure = bisect(events, suspects);
        if (failure != null) {
            return failure;
        }
        if (suspects.isEmpty()) {
            return null;
        }
        if (sent.get() == deliveredBefore) {
            return "the receipt service refuses every part of the batch; kept, retried with back-off";
        }
        for (Spooled suspect : suspects) {
            pause(timing.initialBackoff);
            Answer answer = post(List.of(suspect));
            if (answer.ok()) {
                delivered(List.of(suspect));
            } else if (answer.refusesEvents()) {
                deadLetter(suspect, "refused by the receipt service while it stored other events: " + answer.text);
            } else {
                return answer.text;
            }
        }
        return null;
    }

    private String bisect(List<Spooled> events, List<Spooled> suspects) throws IOException, InterruptedException {
        if (events.size() == 1) {
            suspects.add(events.get(0));
            return null;
        }
        int middle = events.size() / 2;
        for (List<Spooled> half : List.of(events.subList(0, middle), events.subList(middle, events.size()))) {
            Answer answer = post(half);
            if (answer.ok()) {
                delivered(half);
            } else if (answer.refusesEvents()) {
                String failure = bisect(half, suspects);
                if (failure != null) {
                    return failure;
                }
            } else {
                return answer.text;
            }
        }
        return null;
    }

    private void delivered(List<Spooled> events) throws IOException {
        List<Path> files = new ArrayList<>(events.size());
        events.forEach(event -> files.add(event.file));
        spool.delete(files);
        sent.addAndGet(files.size());
    }

    private void deadLetter(Spooled event, String reason) throws IOException {
        Path target = spool.moveToDead(event.file, reason);
        deadLettered.incrementAndGet();
        lastDead.set(reason);
        LOGGER.error("Receipt event {} moved to {}: {}", event.event.path("id").asText(), target, reason);
    }

    private Answer post(List<Spooled> events) throws IOException, InterruptedException {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(event -> array.add(event.event));
        return post(body);
    }

    /** Posts an empty batch with the node's status; a failure counts as an error, retried at the next interval. */
    private void heartbeat() throws IOException, InterruptedException {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("events");
        Answer answer = post(body);
        if (!answer.ok()) {
            failures.incrementAndGet();
            lastError.set("heartbeat: " + answer.text);
            LOGGER.debug("Receipts heartbeat to {} failed: {}", ingestUri, answer.text);
        }
    }

    /** One POST of a batch: its status (0 for a network error) and, unless 200, what went wrong. */
    private Answer post(ObjectNode body) throws IOException, InterruptedException {
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
            return new Answer(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (response.statusCode() != 200) {
            String answer = response.body() == null ? "" : response.body();
            return new Answer(response.statusCode(), "HTTP " + response.statusCode() + " "
                + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer));
        }
        return new Answer(200, null);
    }

    /** {@code node=<n>; backlog=<ready files>; dead=<dead files>; errors=<failed sends since start>}. */
    String nodeStatus() {
        String status = "node=" + nodeName.replace(';', '_') + "; backlog=" + Math.max(0, spool.pendingCount())
            + "; dead=" + Math.max(0, spool.deadCount()) + "; errors=" + failures.get();
        String dead = lastDead.get();
        if (dead != null) {
            String reason = dead.length() > 300 ? dead.substring(0, 300) : dead;
            status += "; lastDead=" + java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8);
        }
        return status;
    }

    private Spooled read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            JsonNode event = MAPPER.readTree(bytes);
            if (event != null && event.isObject()) {
                return new Spooled(file, event, bytes.length);
            }
        } catch (IOException e) {
            LOGGER.debug("Unparseable spool file {}", file, e);
        }
        Path target = spool.moveToDead(file, "not a JSON event object");
        deadLettered.incrementAndGet();
        lastDead.set("a spool file that is not a JSON event object");
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

    /** Why the last event went to {@code dead/} since start, or null. */
    public String lastDeadReason() {
        return lastDead.get();
    }

    /** Spool files set aside in {@code dead/} since start (not JSON, or refused by the service). */
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
