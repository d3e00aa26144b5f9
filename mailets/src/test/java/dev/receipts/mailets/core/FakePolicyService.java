package dev.receipts.mailets.core;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The receipt service's policy snapshot endpoint, faked with the JDK's HttpServer on a loopback
 * port: answers the snapshot set last with 200 and its version as ETag, or 304 when the request's
 * If-None-Match names that version. Any other path gets 404, and is not recorded.
 */
public final class FakePolicyService implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> version = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private final List<Integer> answers = new CopyOnWriteArrayList<>();

    public FakePolicyService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A snapshot JSON of this version with the given organisation rules and employees' JSON object. */
    public static String snapshot(String version, String organisationInternal, String organisationExternal, String employees) {
        return "{\"version\":\"" + version + "\",\"generatedAt\":\"2026-11-23T10:00:00Z\","
            + "\"organisation\":{\"internal\":\"" + organisationInternal + "\",\"external\":\"" + organisationExternal + "\"},"
            + "\"employees\":" + employees + "}";
    }

    /** Serves this snapshot (a valid one: its version is read from it) from now on. */
    public FakePolicyService serve(String version, String json) {
        this.version.set(version);
        this.body.set(json);
        this.status.set(200);
        return this;
    }

    /** Answers this status, without a body, from now on. */
    public void answer(int statusCode) {
        status.set(statusCode);
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String match = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (exchange.getRequestURI().getPath().equals(PolicyCache.SNAPSHOT_PATH)) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            ifNoneMatch.add(String.valueOf(match));
        }
        int answer = status.get();
        if (!exchange.getRequestURI().getPath().equals(PolicyCache.SNAPSHOT_PATH)) {
            // Events the spool forwards stay in the spool, where the tests read them.
            answer = 404;
        } else if (answer == 200 && match != null && match.equals(version.get())) {
            answer = 304;
        }
        if (exchange.getRequestURI().getPath().equals(PolicyCache.SNAPSHOT_PATH)) {
            answers.add(answer);
        }
        if (answer != 200) {
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
            return;
        }
        byte[] response = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("ETag", version.get());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<String> requests() {
        return requests;
    }

    public List<String> authorizations() {
        return authorizations;
    }

    /** The If-None-Match of each request, "null" when absent. */
    public List<String> ifNoneMatch() {
        return ifNoneMatch;
    }

    public List<Integer> answers() {
        return answers;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
