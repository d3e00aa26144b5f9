package dev.receipts.mailets.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The receipt service's ingest endpoint, faked with the JDK's HttpServer on a loopback port. */
public final class FakeIngestService implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<JsonNode> acceptedEvents = new CopyOnWriteArrayList<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> nodeStatuses = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> refusedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Integer> bodySizes = new CopyOnWriteArrayList<>();

    public FakeIngestService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            requests.incrementAndGet();
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            nodeStatuses.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Receipts-Node-Status")));
            bodySizes.add(body.length);
            int answer = status.get();
            JsonNode events = MAPPER.readTree(body).get("events");
            if (answer == 200) {
                for (JsonNode event : events) {
                    if (refusedIds.contains(event.path("id").asText())) {
                        answer = 500;
                    }
                }
            }
            if (answer == 200) {
                events.forEach(acceptedEvents::add);
                batchSizes.add(events.size());
            }
            byte[] response = (answer == 200 ? "{\"accepted\":" + events.size() + ",\"duplicates\":0,\"rejected\":0}"
                : "{\"error\":\"failing on purpose\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    /** The status answered from now on; events are recorded only with 200. */
    public void answer(int statusCode) {
        status.set(statusCode);
    }

    /** Answers 500 (as for a bug the event triggers) to every batch that holds an event with this id. */
    public void refuse(String eventId) {
        refusedIds.add(eventId);
    }

    /** The size in bytes of every request body, in order. */
    public List<Integer> bodySizes() {
        return bodySizes;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<JsonNode> acceptedEvents() {
        return acceptedEvents;
    }

    public List<Integer> batchSizes() {
        return batchSizes;
    }

    public int requests() {
        return requests.get();
    }

    public List<String> authorizations() {
        return authorizations;
    }

    public List<String> contentTypes() {
        return contentTypes;
    }

    public List<String> paths() {
        return paths;
    }

    /** The {@code X-Receipts-Node-Status} of every request, in order ("null" when absent). */
    public List<String> nodeStatuses() {
        return nodeStatuses;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
