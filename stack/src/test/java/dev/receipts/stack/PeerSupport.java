package dev.receipts.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What {@link PostfixPeer} and {@link EximPeer} share: commands, the SMTP greeting, maildirs, clean-up. */
final class PeerSupport {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private PeerSupport() {
    }

    /** Runs a command to completion; a non-zero exit fails with its output and the peer's log tail. */
    static void run(Path log, String... command) throws IOException, InterruptedException {
        // Output to a file, not a pipe: a daemon the command leaves behind may keep its standard output open.
        Path output = Files.createTempFile("peer-command-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue() + ": "
                    + Files.readString(output, StandardCharsets.UTF_8) + "\nLast lines of " + log + ":\n" + Processes.tail(log, 20));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Waits until the peer's SMTP server on this loopback port sends its 220 greeting. */
    static void awaitGreeting(String name, int port, Path log, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!greets(port)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " does not answer on 127.0.0.1:" + port + " after " + timeout
                    + ". Last lines of " + log + ":\n" + Processes.tail(log, 40));
            }
            Processes.pause(Duration.ofMillis(200));
        }
    }

    private static boolean greets(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            byte[] greeting = socket.getInputStream().readNBytes(3);
            return new String(greeting, StandardCharsets.US_ASCII).equals("220");
        } catch (IOException e) {
            return false;
        }
    }

    /** The messages in a maildir's {@code new/}, as raw text. */
    static List<String> maildir(Path maildir) throws IOException {
        Path newMail = maildir.resolve("new");
        if (!Files.isDirectory(newMail)) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(newMail)) {
            for (Path file : files.sorted().toList()) {
                messages.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return messages;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A loopback socket bound and never listening: connections to its port are refused, and no one can take it. */
    static Socket deadPort() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        return socket;
    }
}
