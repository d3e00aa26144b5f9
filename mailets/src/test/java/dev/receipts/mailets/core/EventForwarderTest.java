package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class EventForwarderTest {
    private static final EventForwarder.Timing FAST = new EventForwarder.Timing(
        Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMillis(100));
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private FakeIngestService service;
    private EventSpool spool;
    private final List<EventForwarder> forwarders = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        service = new FakeIngestService();
        spool = EventSpool.open(directory);
    }

    @AfterEach
    void tearDown() {
        forwarders.forEach(EventForwarder::close);
        service.close();
    }

    private EventForwarder start(EventSpool spool, URI url) {
        EventForwarder forwarder = new EventForwarder(spool, url, "s3cret", FAST).start();
        forwarders.add(forwarder);
        return forwarder;
    }

    @Test
    void forwarderShouldPostEventsInOrderWithTheToken() throws Exception {
        for (int i = 0; i < 5; i++) {
            spool.append(event(i));
        }

        EventForwarder testee = start(spool, service.url());

        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() == 5);
        assertThat(ids(service.acceptedEvents())).containsExactly("e0", "e1", "e2", "e3", "e4");
        assertThat(service.paths()).allMatch("POST /api/v1/ingest/events"::equals);
        assertThat(service.authorizations()).allMatch("Bearer s3cret"::equals);
        assertThat(service.contentTypes()).allMatch("application/json"::equals);
        await().atMost(TIMEOUT).until(() -> spool.pendingCount() == 0);
        assertThat(testee.sentCount()).isEqualTo(5);
    }

    @Test
    void forwarderShouldWakeUpOnAppendInsteadOfWaitingForThePoll() throws Exception {
        EventForwarder testee = new EventForwarder(spool, service.url(), "s3cret",
            new EventForwarder.Timing(Duration.ofHours(1), Duration.ofMillis(20), Duration.ofMillis(100))).start();
        forwarders.add(testee);

        spool.append(event(1));

        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() == 1);
        assertThat(ids(service.acceptedEvents())).containsExactly("e1");
    }

    @Test
    void forwarderShouldSendAtMost500EventsABatch() throws Exception {
        for (int i = 0; i < 1200; i++) {
            spool.append(event(i));
        }

        start(spool, service.url());

        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() == 1200);
        assertThat(service.batchSizes()).containsExactly(500, 500, 200);
        assertThat(ids(service.acceptedEvents()))
            .containsExactlyElementsOf(IntStream.range(0, 1200).mapToObj(i -> "e" + i).collect(Collectors.toList()));
    }

    @Test
    void forwarderShouldKeepTheBatchUntilTheServiceAnswers200() throws Exception {
        service.answer(500);
        spool.append(event(1));
        spool.append(event(2));

        EventForwarder testee = start(spool, service.url());

        await().atMost(TIMEOUT).until(() -> testee.failureCount() >= 4);
        assertThat(spool.pendingCount()).isEqualTo(2);
        assertThat(testee.lastError()).contains("HTTP 500");

        service.answer(200);

        await().atMost(TIMEOUT).until(() -> spool.pendingCount() == 0);
        assertThat(ids(service.acceptedEvents())).containsExactly("e1", "e2");
        assertThat(spool.deadCount()).as("a service refusing everything makes nothing dead").isZero();
    }

    @Test
    void oneEventTheServiceKeepsRefusingGoesToDeadWithTheAnswerAndTheOthersAreDelivered() throws Exception {
        service.refuse("e4");
        Path poison = null;
        for (int i = 1; i <= 10; i++) {
            Path file = spool.append(event(i));
            poison = i == 4 ? file : poison;
        }

        EventForwarder testee = start(spool, service.url());

        await().atMost(TIMEOUT).until(() -> spool.pendingCount() == 0);
        assertThat(ids(service.acceptedEvents())).containsExactly("e1", "e2", "e3", "e5", "e6", "e7", "e8", "e9", "e10");
        assertThat(spool.deadCount()).isEqualTo(1);
        assertThat(spool.deadDirectory().resolve(poison.getFileName())).hasContent(event(4));
        assertThat(Files.readString(spool.deadDirectory().resolve(poison.getFileName() + EventSpool.REASON_SUFFIX)))
            .contains("refused by the receipt service").contains("HTTP 500");
        assertThat(testee.lastDeadReason()).contains("HTTP 500");

        spool.append(event(11));
        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() == 10);
        assertThat(service.nodeStatuses().get(service.nodeStatuses().size() - 1))
            .contains("dead=1").contains("lastDead=refused+by+the+receipt+service");
    }

    @Test
    void aServiceThatIsUnavailableNeverMakesAnEventDead() throws Exception {
        service.answer(503);
        for (int i = 1; i <= 4; i++) {
            spool.append(event(i));
        }

        start(spool, service.url());

        await().atMost(TIMEOUT).until(() -> service.requests() >= 8);
        assertThat(spool.pendingCount()).isEqualTo(4);
        assertThat(spool.deadCount()).isZero();
        service.answer(200);
        await().atMost(TIMEOUT).until(() -> spool.pendingCount() == 0);
        assertThat(ids(service.acceptedEvents())).containsExactly("e1", "e2", "e3", "e4");
    }

    @Test
    void aBatchNeverCarriesMoreThanItsByteLimit() throws Exception {
        String padding = "p".repeat(100_000);
        for (int i = 1; i <= 100; i++) {
            spool.append("{\"id\":\"e" + i + "\",\"type\":\"REPORT\",\"machineReadable\":\"" + padding + "\"}");
        }

        start(spool, service.url());

        await().atMost(TIMEOUT).until(() -> spool.pendingCount() == 0);
        assertThat(service.acceptedEvents()).hasSize(100);
        assertThat(service.bodySizes()).allMatch(size -> size <= EventForwarder.MAX_BATCH_BYTES + 1000)
            .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void forwarderShouldKeepEventsWhenTheTokenIsRefused() throws Exception {
        service.answer(401);
        spool.append(event(1));

        EventForwarder testee = start(spool, service.url());

        await().atMost(TIMEOUT).until(() -> testee.failureCount() >= 2);
        assertThat(spool.pendingCount()).isEqualTo(1);
        assertThat(testee.lastError()).contains("HTTP 401");
    }

    @Test
    void forwarderShouldRetryWhenTheConnectionIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        spool.append(event(1));
        EventForwarder refused = start(spool, URI.create("http://127.0.0.1:" + port));

        await().atMost(TIMEOUT).until(() -> refused.failureCount() >= 2);
        assertThat(refused.lastError()).contains("ConnectException");
        assertThat(spool.pendingCount()).isEqualTo(1);
        refused.close();

        start(EventSpool.open(directory), service.url());

        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() == 1);
        assertThat(ids(service.acceptedEvents())).containsExactly("e1");
    }

    @Test
    void eventsShouldSurviveCloseAndReopen() throws Exception {
        service.answer(503);
        EventForwarder first = start(spool, service.url());
        for (int i = 0; i < 10; i++) {
            spool.append(event(i));
        }
        await().atMost(TIMEOUT).until(() -> first.failureCount() >= 1);
        first.close();
        assertThat(first.isRunning()).isFalse();
        service.answer(200);

        EventSpool reopened = EventSpool.open(directory);
        start(reopened, service.url());

        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() == 10);
        assertThat(ids(service.acceptedEvents()))
            .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "e" + i).collect(Collectors.toList()));
        await().atMost(TIMEOUT).until(() -> reopened.pendingCount() == 0);
    }

    @Test
    void forwarderShouldMoveACorruptFileToDeadAndSendTheRest() throws Exception {
        spool.append(event(1));
        Path corrupt = spool.append("{\"id\":\"truncated");
        spool.append(event(3));

        EventForwarder testee = start(spool, service.url());

        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() == 2);
        assertThat(ids(service.acceptedEvents())).containsExactly("e1", "e3");
        assertThat(directory.resolve("dead").resolve(corrupt.getFileName())).hasContent("{\"id\":\"truncated");
        assertThat(testee.deadLetterCount()).isEqualTo(1);
        await().atMost(TIMEOUT).until(() -> spool.pendingCount() == 0);
    }

    @Test
    void concurrentAppendsShouldAllBeDeliveredExactlyOnce() throws Exception {
        start(spool, service.url());
        int threads = 20;
        int perThread = 50;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        spool.append(event(thread * 1000 + i));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() >= threads * perThread && spool.pendingCount() == 0);
        List<String> ids = ids(service.acceptedEvents());
        assertThat(ids).hasSize(threads * perThread).doesNotHaveDuplicates();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            List<Integer> ofThread = ids.stream().map(id -> Integer.parseInt(id.substring(1)))
                .filter(n -> n / 1000 == thread).collect(Collectors.toList());
            assertThat(ofThread).as("events of thread %d in append order", thread).isSorted().hasSize(perThread);
        }
    }

    @Test
    void closeShouldStopTheThread() throws Exception {
        EventForwarder testee = start(spool, service.url());
        assertThat(testee.isRunning()).isTrue();

        testee.close();

        assertThat(testee.isRunning()).isFalse();
        spool.append(event(1));
        assertThat(Files.list(directory.resolve("ready")).count()).isEqualTo(1);
    }

    private static String event(int n) {
        return "{\"id\":\"e" + n + "\",\"type\":\"LOCAL_DELIVERY\"}";
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(event -> event.get("id").asText()).collect(Collectors.toList());
    }


    @Test
    void everyPostShouldCarryTheNodeStatus() throws Exception {
        Files.writeString(spool.deadDirectory().resolve("0000000000001-0000000001-x.json"), "not json");
        spool.append("{\"id\":\"1\"}");
        spool.append("{\"id\":\"2\"}");
        EventForwarder testee = new EventForwarder(spool, service.url(), "s3cret", FAST, "mx-7");
        forwarders.add(testee.start());

        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() == 2);

        assertThat(service.nodeStatuses().get(0)).isEqualTo("node=mx-7; backlog=2; dead=1; errors=0");
    }

    @Test
    void anIdleForwarderShouldPostAnEmptyBatchAsAHeartbeat() {
        EventForwarder testee = new EventForwarder(spool, service.url(), "s3cret", new EventForwarder.Timing(
            Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(300)), "mx-8");
        forwarders.add(testee.start());

        await().atMost(TIMEOUT).until(() -> service.requests() >= 2);

        assertThat(service.batchSizes()).allMatch(size -> size == 0);
        assertThat(service.nodeStatuses()).allMatch(status -> status.equals("node=mx-8; backlog=0; dead=0; errors=0"));
    }

    @Test
    void theStatusShouldCountFailedSendsSinceStart() throws Exception {
        service.answer(503);
        spool.append("{\"id\":\"1\"}");
        EventForwarder testee = new EventForwarder(spool, service.url(), "s3cret", FAST, "mx-9");
        forwarders.add(testee.start());
        await().atMost(TIMEOUT).until(() -> testee.failureCount() >= 2);

        service.answer(200);
        await().atMost(TIMEOUT).until(() -> service.acceptedEvents().size() == 1);

        String last = service.nodeStatuses().get(service.nodeStatuses().size() - 1);
        assertThat(last).startsWith("node=mx-9; backlog=1; dead=0; errors=");
        assertThat(Long.parseLong(last.substring(last.lastIndexOf('=') + 1))).isGreaterThanOrEqualTo(2);
    }
}
