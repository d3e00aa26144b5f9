package dev.receipts.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The receipt service as its own process: the built Quarkus jar over an H2 file database. */
public final class ReceiptServiceNode implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final StackLayout layout;
    private final Path dataDir;
    private final int httpPort;
    private final int imapPort;
    private final String ingestToken;
    private final String sessionKey;
    private final String pseudonymKey;
    private final List<String> extraProperties = new ArrayList<>();
    private Process process;

    public ReceiptServiceNode(StackLayout layout, Path dataDir, int httpPort, int imapPort, String ingestToken, String sessionKey,
                              String pseudonymKey) {
        this.layout = layout;
        this.dataDir = dataDir.toAbsolutePath();
        this.httpPort = httpPort;
        this.imapPort = imapPort;
        this.ingestToken = ingestToken;
        this.sessionKey = sessionKey;
        this.pseudonymKey = pseudonymKey;
    }

    /** Adds {@code -Dkey=value} to the service's command line (before {@link #start()}): for tests. */
    public ReceiptServiceNode property(String key, String value) {
        extraProperties.add("-D" + key + "=" + value);
        return this;
    }

    public ReceiptServiceNode start() throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(
            Processes.javaExecutable(),
            "-Xmx512m",
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + httpPort,
            "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dataDir.resolve("receipts") + ";DB_CLOSE_ON_EXIT=FALSE",
            "-Dreceipts.ingest.token=" + ingestToken,
            "-Dreceipts.identity.imap-host=127.0.0.1",
            "-Dreceipts.identity.imap-port=" + imapPort,
            "-Dquarkus.http.auth.session.encryption-key=" + sessionKey,
            "-Dreceipts.privacy.pseudonym-key=" + pseudonymKey));
        command.addAll(extraProperties);
        command.addAll(List.of("-jar", layout.serviceJar().toString()));
        process = Processes.start(command, dataDir, log(), Map.of());
        Processes.awaitReady("The receipt service", process, log(), Duration.ofSeconds(90), this::ready);
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path log() {
        return dataDir.resolve("receipt-service.log");
    }

    public void stop() {
        Processes.stop(process, Duration.ofSeconds(30));
    }

    /** Kills the service as {@code kill -9} does (SIGKILL): no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("The receipt service did not die within 30 s of SIGKILL");
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
